using System.Collections.Immutable;
using Storyline.Documents;

namespace Storyline.Pipeline;

/// <summary>
/// An ordered list of stages: first the per-article stages, then the collection stages. Built with
/// <see cref="PipelineBuilder"/> and its <c>UseX()</c> extensions.
/// </summary>
public sealed class AnalysisPipeline(IReadOnlyList<IArticleStage> articleStages, IReadOnlyList<ICollectionStage> collectionStages)
{
    public IReadOnlyList<IArticleStage> ArticleStages { get; } = articleStages;
    public IReadOnlyList<ICollectionStage> CollectionStages { get; } = collectionStages;

    public AnalyzedArticle Analyze(Article article)
    {
        var doc = new AnalyzedArticle(article);
        foreach (var stage in ArticleStages) doc = stage.Process(doc);
        return doc;
    }

    /// <summary>Runs every stage over the articles. <paramref name="progress"/> hears the stage name and the count done.</summary>
    public Analysis Run(IEnumerable<Article> articles, IProgress<(string Stage, int Done)>? progress = null)
    {
        var analyzed = ImmutableArray.CreateBuilder<AnalyzedArticle>();
        foreach (var article in articles)
        {
            analyzed.Add(Analyze(article));
            progress?.Report(("articles", analyzed.Count));
        }
        return Continue(new Analysis(analyzed.ToImmutable()), progress);
    }

    /// <summary>Runs only the collection stages over an analysis whose articles are already analysed.</summary>
    public Analysis Continue(Analysis analysis, IProgress<(string Stage, int Done)>? progress = null)
    {
        int done = 0;
        foreach (var stage in CollectionStages)
        {
            analysis = stage.Process(analysis);
            progress?.Report((stage.Name, ++done));
        }
        return analysis;
    }
}

public sealed class PipelineBuilder
{
    private readonly List<IArticleStage> _articleStages = [];
    private readonly List<ICollectionStage> _collectionStages = [];

    public PipelineBuilder Use(IArticleStage stage)
    {
        if (_articleStages.All(s => s.Name != stage.Name)) _articleStages.Add(stage);
        return this;
    }

    public PipelineBuilder Use(ICollectionStage stage)
    {
        if (_collectionStages.All(s => s.Name != stage.Name)) _collectionStages.Add(stage);
        return this;
    }

    public bool Has(string stageName) =>
        _articleStages.Any(s => s.Name == stageName) || _collectionStages.Any(s => s.Name == stageName);

    public AnalysisPipeline Build() => new(_articleStages.ToArray(), _collectionStages.ToArray());
}
