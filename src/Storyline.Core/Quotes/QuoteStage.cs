using System.Collections.Immutable;
using Storyline.Documents;
using Storyline.Language;
using Storyline.Language.Entities;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Storyline.Pipeline;

namespace Storyline.Quotes;

/// <summary>Finds an article's attributions and resolves their speakers (see <see cref="AttributionFinder"/>,
/// <see cref="SpeakerResolver"/>).</summary>
public sealed class QuoteExtractor(AttributionFinder finder)
{
    public static QuoteExtractor Default { get; } = new(AttributionFinder.Default);

    public ImmutableArray<Quote> Extract(AnalyzedArticle article)
    {
        var text = article.Text;
        var quotes = QuoteScanner.Scan(text);
        var found = finder.Find(text, article.Tokens, article.Sentences);
        var result = ImmutableArray.CreateBuilder<Quote>(found.Count);
        var resolved = new List<(TextSpan, ResolvedSpeaker)>();
        foreach (var a in found)
        {
            // A continued part keeps the speaker its first part was resolved to (a pronoun would resolve anew from further on).
            var speaker = a.Source is not { } source ? null
                : a.ContinuesPrevious && resolved.LastOrDefault(r => r.Item1 == source) is { Item2.Name: not null } first ? first.Item2
                : SpeakerResolver.Resolve(article, source, a.Content.Start, quotes, resolved);
            if (speaker is { } known && a.Source is { } span) resolved.Add((span, known));
            result.Add(new Quote(a.Content, a.Content.Of(text), a.Kind)
            {
                SpeakerSpan = a.Source,
                Speaker = speaker?.Name,
                SpeakerEntityId = speaker?.EntityId,
                Cue = a.Cue,
                CueText = a.Cue?.Of(text),
                ReportedPerson = a.Reported is { } reported ? SpeakerResolver.NameIn(article, reported) : null,
                ContinuesPrevious = a.ContinuesPrevious,
            });
        }
        return result.ToImmutable();
    }
}

/// <summary>
/// Fills <see cref="AnalyzedArticle.Quotes"/>. Runs after the language and ner stages: speakers are resolved from
/// the article's entity mentions. Without mentions, names are taken from the source span as written and pronouns
/// stay unresolved.
/// </summary>
public sealed class QuoteStage(QuoteExtractor extractor) : IArticleStage
{
    public QuoteStage() : this(QuoteExtractor.Default) { }

    public string Name => "quotes";

    public AnalyzedArticle Process(AnalyzedArticle article)
    {
        if (string.IsNullOrWhiteSpace(article.Text)) return article;
        return article with { Quotes = extractor.Extract(WithTokens(article)) };
    }

    /// <summary>Tokens and sentences when no language stage has run before (a pipeline of quotes alone); the layers
    /// themselves are not added to the article, so the language stage stays their one owner.</summary>
    private static AnalyzedArticle WithTokens(AnalyzedArticle article)
    {
        if (!article.Tokens.IsEmpty) return article.Sentences.IsEmpty ? article with { Sentences = [.. SentenceSplitter.Split(article.Text, article.Tokens.ToArray())] } : article;
        var tokens = Tokenizer.Tokenize(article.Text);
        return article with { Tokens = [.. tokens], Sentences = [.. SentenceSplitter.Split(article.Text, tokens)] };
    }
}

/// <summary>
/// After the entities stage has made entity ids common to all articles, rewrites each quote's speaker to its
/// canonical entity (its id and the name shared across the collection).
/// </summary>
public sealed class QuoteSpeakerStage : ICollectionStage
{
    public string Name => "quote-speakers";

    public Analysis Process(Analysis analysis)
    {
        if (analysis.Entities.IsEmpty) return analysis;
        var byId = analysis.Entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
        // Each entity under the written forms of its name and aliases, built once for all quotes.
        var byWrittenName = analysis.Entities
            .SelectMany(e => e.Aliases.Prepend(e.Name).Select(n => (Name: Written(n), e.Id)))
            .Where(x => x.Name.Length > 0)
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Id).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var articles = analysis.Articles.Select(article =>
        {
            if (article.Quotes.IsEmpty || !article.Quotes.Any(q => q.SpeakerEntityId is not null || q.Speaker is not null)) return article;
            // Article-local ids are "<article id>:<offset of the entity's first mention>"; the entities stage
            // rewrote that mention's id to the canonical one.
            string? Canonical(string? id)
            {
                if (id is null) return null;
                if (byId.ContainsKey(id)) return id;
                int colon = id.LastIndexOf(':');
                if (colon < 0 || !int.TryParse(id.AsSpan(colon + 1), out int offset)) return null;
                return article.Mentions.FirstOrDefault(m => m.Start == offset)?.EntityId;
            }
            return article with
            {
                Quotes = [.. article.Quotes.Select(q => (Canonical(q.SpeakerEntityId) ?? NamedInSpeakerSpan(article, q, byId, byWrittenName)) is { } id && byId.TryGetValue(id, out var entity)
                    ? q with { SpeakerEntityId = id, Speaker = entity.Name } : q)],
            };
        }).ToImmutableArray();
        return analysis with { Articles = articles };
    }

    /// <summary>
    /// A speaker the resolver named without an entity ("Janssen" when the article's first mention of him was
    /// missed by the recogniser, so no article-local entity held both): the entity of this article that the
    /// written name is, either a mention inside the speaker's span whose text is that name, or an entity whose
    /// canonical name or alias is that name (in this article, else the only one in the collection). Only the
    /// resolver's own choice is linked, never a different name.
    /// </summary>
    private static string? NamedInSpeakerSpan(AnalyzedArticle article, Quote quote, Dictionary<string, CanonicalEntity> byId,
        Dictionary<string, List<string>> byWrittenName)
    {
        if (quote.Speaker is not { } speaker || quote.SpeakerSpan is not { } span) return null;
        var name = Written(speaker);
        if (name.Length == 0) return null;
        foreach (var mention in article.Mentions)
            if (mention.Start >= span.Start && mention.End <= span.End && mention.EntityId is { } id && byId.ContainsKey(id)
                && Written(mention.Text) == name)
                return id;
        if (!byWrittenName.TryGetValue(name, out var namedIds)) return null;
        var named = article.Mentions.Select(m => m.EntityId).OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(namedIds.Contains).ToList();
        if (named.Count == 1) return named[0];
        if (named.Count > 1) return null;
        // A name the recogniser missed everywhere in this article ("The Kremlin confirmed …"): the one entity of
        // the collection with that name, if only one has it.
        return namedIds.Count == 1 ? namedIds[0] : null;
    }

    /// <summary>A name as written, compared without a leading "the" or title and a possessive ("The Kremlin" is "Kremlin").</summary>
    private static string Written(string name) => string.Join(' ', NameForms.NameTokens(name));
}

public static class QuotePipelineExtensions
{
    /// <summary>Adds quote extraction; run it after the language and ner stages so speakers resolve to entities.</summary>
    public static PipelineBuilder UseQuotes(this PipelineBuilder builder) => builder.Use(new QuoteStage());

    /// <summary>Rewrites quote speakers to canonical entity names; add it after <c>UseEntities()</c>.</summary>
    public static PipelineBuilder UseQuoteSpeakers(this PipelineBuilder builder) => builder.Use(new QuoteSpeakerStage());
}
