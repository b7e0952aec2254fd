using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Storyline.Evaluation;
using Storyline.Ingest;
using Storyline.Ingest.Html;

namespace Storyline.Benchmarks;

/// <summary>
/// HTML pages → article text and metadata, on the pages of the Scrapinghub extraction benchmark (already gunzipped,
/// so only decoding, parsing, metadata and extraction are timed, as in tools/peers/readability-speed.mjs).
/// Reported per page: <c>dotnet run -c Release --project bench/Storyline.Benchmarks -- --filter *HtmlExtraction*</c>.
/// </summary>
[MemoryDiagnoser]
public class HtmlExtractionBenchmark
{
    private List<InputFile> _pages = [];
    private HtmlReader _reader = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pages = HtmlSpeed.LoadPages(Datasets.Find("scrapinghub-article-extraction-benchmark")
            ?? throw new InvalidOperationException("dataset scrapinghub-article-extraction-benchmark not found"));
        _reader = new HtmlReader(new IngestOptions());
    }

    [Benchmark(OperationsPerInvoke = 121)]
    public int ExtractPage()
    {
        int chars = 0;
        for (int i = 0; i < 121; i++) chars += _reader.ReadPage(_pages[i % _pages.Count]).Value.Text.Length;
        return chars;
    }
}

/// <summary>
/// The same measurement without BenchmarkDotNet, for a quick figure:
/// <c>dotnet run -c Release --project bench/Storyline.Benchmarks -- html-speed [dataset-folder] [rounds]</c>.
/// Reports pages per CPU-second on one thread (CPU time, because wall time on a shared machine measures the neighbours).
/// </summary>
public static class HtmlSpeed
{
    public static List<InputFile> LoadPages(string folder)
    {
        var options = new IngestOptions { MaxBytes = long.MaxValue };
        return Directory.GetFiles(Path.Combine(folder, "html")).Order(StringComparer.Ordinal)
            .Select(f => new InputFile(f, PageDecoder.Gunzip(File.ReadAllBytes(f), options.MaxBytes).Value))
            .ToList();
    }

    public static void Run(string[] args)
    {
        var folder = args.Length > 0 && args[0].Length > 0 ? args[0] : Datasets.Find("scrapinghub-article-extraction-benchmark");
        if (folder is null) { Console.Error.WriteLine("dataset scrapinghub-article-extraction-benchmark not found; pass its folder"); return; }
        int rounds = args.Length > 1 ? int.Parse(args[1]) : 10;
        var pages = LoadPages(folder);
        var reader = new HtmlReader(new IngestOptions());
        double best = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            var process = Process.GetCurrentProcess();
            var cpuStart = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            foreach (var page in pages) reader.ReadPage(page);
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
            best = Math.Min(best, cpu);
            Console.WriteLine($"round {round + 1}: {pages.Count} pages, {cpu:0.000} s CPU ({wall.Elapsed.TotalSeconds:0.000} s wall) = {pages.Count / cpu:0} pages per CPU-second");
        }
        Console.WriteLine($"storyline html extraction: best {pages.Count / best:0} pages per CPU-second (first rounds include JIT warm-up)");
    }
}
