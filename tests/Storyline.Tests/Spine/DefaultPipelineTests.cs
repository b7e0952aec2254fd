using Storyline.Ingest;
using Storyline.Pipeline;
using Storyline.Segmentation;
using Storyline.Stories;
using Xunit;

namespace Storyline.Tests.Spine;

public sealed class DefaultPipelineTests
{
    private static string SamplesFolder => Path.Combine(AppContext.BaseDirectory, "samples", "news");

    [Fact]
    public void An_unreadable_stored_story_index_is_reported_and_the_stories_are_rebuilt()
    {
        var notices = new List<string>();
        var pipeline = DefaultPipeline.Create(key => key == StoryStage.IndexStateKey ? [0x01, 0x02, 0x03] : null, notices.Add);

        var notice = Assert.Single(notices);
        Assert.Contains("story index could not be read", notice);

        var articles = Ingestor.CreateDefault().Read([SamplesFolder])
            .Where(o => o.Success)
            .SelectMany(o => new ArticleFactory().Create(o.Value))
            .ToList();
        var analysis = pipeline.Run(articles);
        Assert.NotEmpty(analysis.Stories);
        Assert.Equal(articles.Count, analysis.Stories.Sum(s => s.ArticleIds.Length));
    }

    [Fact]
    public void A_readable_stored_story_index_gives_no_notice()
    {
        var notices = new List<string>();
        var stored = new StoryIndex().ToBytes();
        DefaultPipeline.Create(key => key == StoryStage.IndexStateKey ? stored : null, notices.Add);
        Assert.Empty(notices);
    }
}
