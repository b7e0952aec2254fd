using System.Collections.Immutable;

namespace Storyline.Documents;

/// <summary>A story: a group of articles about the same event, with a readable title.</summary>
public sealed record Story(string Id, string Title, ImmutableArray<string> ArticleIds);

/// <summary>An entity made canonical across articles: "Putin", "the Russian president" → Vladimir Putin.</summary>
public sealed record CanonicalEntity(string Id, string Name, string Type, ImmutableArray<string> Aliases, ImmutableArray<string> ArticleIds)
{
    public int MentionCount { get; init; }
}

/// <summary>
/// One dated entry of a story's timeline. <see cref="Date"/> is ISO 8601: <c>2024</c>, <c>2024-07</c>,
/// <c>2025-03-24</c>, or an interval <c>2025-03-17/2025-03-23</c>.
/// </summary>
public sealed record TimelineEntry(string StoryId, string Date, string Text, ImmutableArray<string> ArticleIds)
{
    /// <summary>Where each citing article says it: article id and span in its clean text.</summary>
    public ImmutableArray<(string ArticleId, TextSpan Span)> Evidence { get; init; } = [];
}

/// <summary>Everything the pipeline knows about a collection: its analysed articles and what spans them.</summary>
public sealed record Analysis(ImmutableArray<AnalyzedArticle> Articles)
{
    public ImmutableArray<Story> Stories { get; init; } = [];
    public ImmutableArray<CanonicalEntity> Entities { get; init; } = [];
    public ImmutableArray<TimelineEntry> Timeline { get; init; } = [];
    /// <summary>Pairs of near-duplicate articles (wire copies): the duplicate and the article it repeats.</summary>
    public ImmutableArray<(string Duplicate, string Original, double Similarity)> NearDuplicates { get; init; } = [];
}
