using System.Collections.Immutable;
using Storyline.Documents;
using Storyline.Ingest;
using Storyline.Language.Entities;
using Storyline.Language.Ner;
using Storyline.Language;
using Storyline.Segmentation;

namespace Storyline.Tests.Entities;

/// <summary>Runs texts through tokens, sentences, NER and the entities stage, the way the pipeline does.</summary>
internal static class EntityTestKit
{
    private static readonly NerStage Ner = new();
    private static readonly EntityStage Entities = new();

    public static Article Article(string id, string text) =>
        new(id, id + ".txt", null, text, PublicationDate.Unknown("test"), new TextSpan(0, text.Length), [], DocumentMetadata.Empty);

    private static readonly LanguageStage Language = new();

    /// <summary>The language stage's layer (tokens, sentences, POS tags), as the pipeline gives it to the ner stage.</summary>
    public static AnalyzedArticle Tokenized(Article article) => Language.Process(new AnalyzedArticle(article));

    public static Analysis Analyze(IEnumerable<Article> articles) =>
        Entities.Process(new Analysis([.. articles.Select(a => Ner.Process(Tokenized(a)))]));

    /// <summary>The seed texts as clean articles (file 000 holds two glued articles), read with Storyline's own ingest.</summary>
    public static IReadOnlyList<Article> SeedArticles(string folder)
    {
        var factory = new ArticleFactory();
        var articles = new List<Article>();
        foreach (var outcome in Ingestor.CreateDefault().Read(Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal)))
            if (outcome.TryGetValue(out var raw)) articles.AddRange(factory.Create(raw));
        return articles;
    }

    /// <summary>The entity whose name or one of whose aliases is <paramref name="name"/>.</summary>
    public static CanonicalEntity? Find(Analysis analysis, string name) =>
        analysis.Entities.FirstOrDefault(e => e.Name == name) ?? analysis.Entities.FirstOrDefault(e => e.Aliases.Contains(name));

    public static string Describe(Analysis analysis) =>
        string.Join("\n", analysis.Entities.Select(e => $"{e.Type} {e.Name} = {string.Join(" | ", e.Aliases)} ({e.ArticleIds.Length} articles, {e.MentionCount} mentions)"));
}
