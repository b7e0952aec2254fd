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
        var sentences = article.Sentences.IsEmpty ? [new Sentence(0, article.Text.Length, 0, article.Tokens.Length)] : article.Sentences;
        var mentions = FindMentions(_recognizer.Value, article.Text, article.Tokens, sentences);
        return ArticleEntityLinker.Apply(article with { Mentions = mentions });
    }

    /// <summary>The mentions of one tagged article, in text order; shared by the stage and the language benchmark
    /// so the benchmark times exactly what the pipeline runs.</summary>
    internal static ImmutableArray<EntityMention> FindMentions(EntityRecognizer recognizer, string text, ImmutableArray<Token> tokens, ImmutableArray<Sentence> sentences)
    {
        var words = new IReadOnlyList<string>[sentences.Length];
        var tags = new IReadOnlyList<string?>?[sentences.Length];
        bool tagged = true;
        foreach (var t in tokens) tagged &= t.PennTag is not null;
        for (int s = 0; s < sentences.Length; s++)
        {
            var sentence = sentences[s];
            var w = new string[sentence.TokenCount];
            var p = tagged ? new string?[sentence.TokenCount] : null;
            for (int k = 0; k < w.Length; k++)
            {
                var token = tokens[sentence.FirstToken + k];
                w[k] = token.Text;
                if (p is not null) p[k] = token.PennTag;
            }
            words[s] = w;
            tags[s] = p;
        }
        var found = recognizer.RecognizeDocument(words, NerDomains.News, tagged ? tags : null);
        var mentions = ImmutableArray.CreateBuilder<EntityMention>();
        for (int s = 0; s < sentences.Length; s++)
        {
            var sentence = sentences[s];
            foreach (var e in found[s])
            {
                int start = tokens[sentence.FirstToken + e.Start].Start, end = tokens[sentence.FirstToken + e.End - 1].End;
                mentions.Add(new EntityMention(start, end, text[start..end], e.Type));
            }
        }
        return mentions.ToImmutable();
    }
}

public static class NerPipelineExtensions
{
    /// <summary>Adds named-entity recognition; the language stage (tokens, sentences) must run before it.</summary>
    public static PipelineBuilder UseNer(this PipelineBuilder builder) => builder.Use(new NerStage());
}
