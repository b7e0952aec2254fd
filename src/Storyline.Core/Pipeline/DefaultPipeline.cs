using Storyline.Language;
using Storyline.Language.Entities;
using Storyline.Language.Ner;
using Storyline.Quotes;
using Storyline.Stories;
using Storyline.Time;
using Storyline.Time.Timeline;

namespace Storyline.Pipeline;

public static class DefaultPipeline
{
    /// <summary>
    /// Every stage Storyline has, in order: language, entities, quotes and time per article, then stories and
    /// timeline across articles. <paramref name="loadState"/> gives persistent stages their stored state.
    /// </summary>
    public static PipelineBuilder UseDefaults(this PipelineBuilder builder, Func<string, byte[]?>? loadState = null)
    {
        var storyState = loadState?.Invoke(StoryStage.IndexStateKey);
        var index = storyState is null ? null : StoryIndex.FromBytes(storyState) is { Success: true } loaded ? loaded.Value : null;
        return builder
            .UseLanguage()
            .UseNer()
            .UseQuotes()
            .UseTime()
            .UseEntities()
            .UseQuoteSpeakers()
            .UseStories(index)
            .UseTimeline();
    }

    public static AnalysisPipeline Create(Func<string, byte[]?>? loadState = null) => new PipelineBuilder().UseDefaults(loadState).Build();
}
