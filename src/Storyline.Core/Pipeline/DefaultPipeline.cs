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
    /// A stored story index that cannot be read (an older format) is not fatal: the stories stage then clusters
    /// every stored article afresh, and <paramref name="notice"/> is told why, since story ids may change.
    /// </summary>
    public static PipelineBuilder UseDefaults(this PipelineBuilder builder, Func<string, byte[]?>? loadState = null, Action<string>? notice = null)
    {
        var storyState = loadState?.Invoke(StoryStage.IndexStateKey);
        StoryIndex? index = null;
        if (storyState is not null)
        {
            var loaded = StoryIndex.FromBytes(storyState);
            if (loaded.TryGetValue(out var stored)) index = stored;
            else notice?.Invoke($"the stored story index could not be read ({loaded.Problem}); stories are rebuilt from every stored article, so story ids may change");
        }
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

    public static AnalysisPipeline Create(Func<string, byte[]?>? loadState = null, Action<string>? notice = null) =>
        new PipelineBuilder().UseDefaults(loadState, notice).Build();
}
