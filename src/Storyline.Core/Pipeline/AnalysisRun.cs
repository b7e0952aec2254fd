using System.Collections.Immutable;
using Storyline.Documents;
using Storyline.Ingest;
using Storyline.Segmentation;
using Storyline.Storage;

namespace Storyline.Pipeline;

/// <summary>Progress of a run: the phase, how many items are done, and the item just finished.</summary>
public readonly record struct RunProgress(string Phase, int Done, string? Item = null);

/// <summary>What a run did: counts, every input problem (each names its source), and the resulting analysis.</summary>
public sealed record RunReport(
    int DocumentsRead,
    int DocumentsAlreadyStored,
    int ArticlesAdded,
    int ArticlesAlreadyStored,
    IReadOnlyList<string> Problems,
    Analysis Analysis)
{
    public IReadOnlyList<Article> AddedArticles { get; init; } = [];
}

/// <summary>
/// One <c>analyze</c> run: ingest the inputs, make clean articles, run the per-article stages on the new ones,
/// rerun the collection stages over every stored article, and store it all in one transaction. Inputs and
/// articles already stored (same content hash) are skipped, so running twice on the same files changes nothing.
/// </summary>
public sealed class AnalysisRun(Ingestor ingestor, ArticleFactory factory, AnalysisPipeline pipeline, IArticleStore store)
{
    public RunReport Run(IEnumerable<string> paths, IProgress<RunProgress>? progress = null, Func<Stream>? stdin = null)
    {
        var problems = new List<string>();
        var inputs = new List<RawDocument>();
        var added = new List<AnalyzedArticle>();
        var seenInputs = new HashSet<string>();
        var seenArticles = new HashSet<string>();
        int read = 0, inputsStored = 0, articlesStored = 0;

        foreach (var outcome in ingestor.Read(paths, stdin))
        {
            if (!outcome.TryGetValue(out var raw))
            {
                problems.Add(outcome.Problem!);
                progress?.Report(new RunProgress("problem", problems.Count, outcome.Problem));
                continue;
            }
            read++;
            if (!seenInputs.Add(raw.ContentHash) || store.HasInput(raw.ContentHash))
            {
                inputsStored++;
                continue;
            }
            inputs.Add(raw);
            foreach (var article in factory.Create(raw))
            {
                if (!seenArticles.Add(article.Id) || store.HasArticle(article.Id))
                {
                    articlesStored++;
                    continue;
                }
                added.Add(pipeline.Analyze(article));
                progress?.Report(new RunProgress("analyze", added.Count, article.Source));
            }
        }

        // Collection results depend only on the stored articles, so with nothing new the stored analysis is the answer
        // (unless the database predates some of those results).
        bool recompute = added.Count > 0 || store.CollectionIsStale;
        var analysis = !recompute
            ? store.LoadAnalysis()
            : pipeline.Continue(new Analysis(store.LoadArticles().Concat(added).ToImmutableArray()),
                new CallbackProgress<(string Stage, int Done)>(p => progress?.Report(new RunProgress(p.Stage, p.Done))));
        if (inputs.Count > 0 || recompute)
            store.Save(new StoreBatch(inputs, added, analysis)
            {
                State = pipeline.CollectionStages.OfType<IPersistentStage>().ToDictionary(s => s.StateKey, s => s.SaveState()),
            });
        return new RunReport(read, inputsStored, added.Count, articlesStored, problems, analysis)
        {
            AddedArticles = added.Select(a => a.Article).ToList(),
        };
    }
}
