using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Time;

/// <summary>
/// Tags and normalises the time expressions of an article, with its publication date as the clock. Uses the
/// sentences and part-of-speech tags of earlier stages when they ran; an undated article keeps its relative
/// expressions unresolved.
/// </summary>
public sealed class TimeStage(TimeTagger tagger) : IArticleStage
{
    public TimeStage() : this(TimeTagger.Default) { }

    public string Name => "time";

    public AnalyzedArticle Process(AnalyzedArticle article) => article with
    {
        TimeExpressions = tagger.Tag(article.Text, article.Article.Published.Date,
            article.Sentences.IsDefaultOrEmpty ? null : article.Sentences,
            article.Tokens.IsDefaultOrEmpty ? null : article.Tokens),
    };
}

public static class TimePipelineExtensions
{
    /// <summary>Adds the time-expression stage.</summary>
    public static PipelineBuilder UseTime(this PipelineBuilder builder) => builder.Use(new TimeStage());
}
