using System.Collections.Immutable;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Stories;

/// <summary>
/// Groups the collection's articles into stories and finds near-duplicates (wire copies). With an index given,
/// articles join the stories stored in it and the index grows (the storage layer persists it with
/// <see cref="StoryIndex.ToBytes"/>); without one, each run starts from an empty index.
/// <see cref="Analysis.Stories"/> receives every story that holds at least one of the collection's articles,
/// with all its members (earlier ones included), in the order the stories were created.
/// </summary>
public sealed class StoryStage(StoryIndex? index = null) : ICollectionStage, IPersistentStage
{
    public const string StageName = "stories";
    public const string IndexStateKey = "story-index";

    private readonly StoryIndex _index = index ?? new StoryIndex();

    public string Name => StageName;

    public string StateKey => IndexStateKey;

    public byte[] SaveState() => _index.ToBytes();

    public Analysis Process(Analysis analysis)
    {
        var storyIndex = _index;
        storyIndex.Add(analysis.Articles);
        var ids = analysis.Articles.Select(a => a.Article.Id).ToHashSet(StringComparer.Ordinal);
        var stories = storyIndex.Stories.Where(s => s.ArticleIds.Any(ids.Contains)).ToImmutableArray();
        var duplicates = new NearDuplicateDetector(storyIndex.Options).Find(analysis.Articles.Select(a => a.Article).ToList());
        return analysis with
        {
            Stories = stories,
            NearDuplicates = [.. duplicates.Select(d => (d.Duplicate, d.Original, d.Similarity))],
        };
    }
}

public static class StoryPipelineExtensions
{
    /// <summary>Adds story clustering and near-duplicate detection; pass an index to grow stored stories.</summary>
    public static PipelineBuilder UseStories(this PipelineBuilder builder, StoryIndex? index = null) =>
        builder.Use(new StoryStage(index));
}
