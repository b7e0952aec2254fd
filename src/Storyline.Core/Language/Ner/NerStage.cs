using System.Collections.Immutable;
using Storyline.Documents;
using Storyline.Language.Entities;
using Storyline.Pipeline;

namespace Storyline.Language.Ner;

/// <summary>
/// Finds the named entities of an article (PERSON, ORG, GPE, LOC, NORP) sentence by sentence from the language
/// stage's tokens, then groups them within the article (<see cref="ArticleEntityLinker"/>) so that each mention's
/// <see cref="EntityMention.EntityId"/> names its entity in this article; the entities stage later makes the ids
/// common to all articles.
/// </summary>
public sealed class NerStage : IArticleStage
{
    private readonly Lazy<EntityRecognizer> _recognizer;

    public NerStage() : this(() => EntityRecognizer.Embedded.TryGetValue(out var r) ? r
        : throw new InvalidOperationException($"the NER model could not be loaded: {EntityRecognizer.Embedded.Problem}")) { }

    public NerStage(EntityRecognizer recognizer) : this(() => recognizer) { }

    private NerStage(Func<EntityRecognizer> recognizer) => _recognizer = new Lazy<EntityRecognizer>(recognizer);

    public string Name => "ner";

    public AnalyzedArticle Process(AnalyzedArticle article)
    {
        if (article.Tokens.IsEmpty)
        {
            if (string.IsNullOrWhiteSpace(article.Text)) return article;
            throw new InvalidOperationException($"the ner stage needs tokens, but article {article.Article.Id} has none: run the language stage (tokens and sentences) before UseNer()");
        }
        var recognizer = _recognizer.Value;
        var tokens = article.Tokens;
        var sentences = article.Sentences.IsEmpty ? [new Sentence(0, article.Text.Length, 0, tokens.Length)] : article.Sentences;
        var mentions = ImmutableArray.CreateBuilder<EntityMention>();
        var words = sentences.Select(s => (IReadOnlyList<string>)Enumerable.Range(s.FirstToken, s.TokenCount).Select(i => tokens[i].Text).ToArray()).ToList();
        var tags = tokens.All(t => t.PennTag is not null)
            ? sentences.Select(s => (IReadOnlyList<string?>?)Enumerable.Range(s.FirstToken, s.TokenCount).Select(i => tokens[i].PennTag).ToArray()).ToList()
            : null;
        var found = recognizer.RecognizeDocument(words, NerDomains.News, tags);
        for (int s = 0; s < sentences.Length; s++)
        {
            var sentence = sentences[s];
            foreach (var e in found[s])
            {
                int start = tokens[sentence.FirstToken + e.Start].Start, end = tokens[sentence.FirstToken + e.End - 1].End;
                mentions.Add(new EntityMention(start, end, article.Text[start..end], e.Type));
            }
        }
        return ArticleEntityLinker.Apply(article with { Mentions = mentions.ToImmutable() });
    }
}

public static class NerPipelineExtensions
{
    /// <summary>Adds named-entity recognition; the language stage (tokens, sentences) must run before it.</summary>
    public static PipelineBuilder UseNer(this PipelineBuilder builder) => builder.Use(new NerStage());
}
