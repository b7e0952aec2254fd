using BenchmarkDotNet.Attributes;
using Storyline.Cleaning;
using Storyline.Ingest;
using Storyline.Segmentation;

namespace Storyline.Benchmarks;

/// <summary>
/// Throughput of the spine's per-article work (segment, clean, date) over the shipped sample corpus.
/// Run: dotnet run -c Release --project bench/Storyline.Benchmarks -- --filter '*SpineBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class SpineBenchmarks
{
    private List<Storyline.Documents.RawDocument> _documents = [];
    private string _longText = "";
    private readonly ArticleFactory _factory = new();
    private readonly TextCleaner _cleaner = new();

    [GlobalSetup]
    public void Setup()
    {
        var samples = SampleCorpus.Folder();
        _documents = Ingestor.CreateDefault().Read([samples]).Where(r => r.Success).Select(r => r.Value).ToList();
        _longText = string.Join("\n", Enumerable.Repeat(string.Join("\n", _documents.Select(d => d.Text)), 20));
    }

    /// <summary>Articles made per call: every sample document segmented, cleaned and dated.</summary>
    [Benchmark]
    public int SegmentCleanDate()
    {
        int n = 0;
        foreach (var d in _documents) n += _factory.Create(d).Count;
        return n;
    }

    /// <summary>The cleaner alone over ~100 KB of text.</summary>
    [Benchmark]
    public int CleanLongText() => _cleaner.Clean(_longText).Text.Length;
}

internal static class SampleCorpus
{
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "news");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("samples/news not found above " + AppContext.BaseDirectory);
    }
}
