using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storyline.Cleaning;
using Storyline.Evaluation;

namespace Storyline.Ingest.Html;

/// <summary>
/// <c>storyline eval extraction</c>: article-body extraction on a folder laid out like the Scrapinghub benchmark
/// (<c>ground-truth.json</c>, <c>html/&lt;id&gt;.html.gz</c>, optional <c>reference-outputs/*.json</c>), scored with
/// <see cref="ShingleMetric"/>, side by side with the stored outputs of other extractors on the same pages.
/// Storyline's text is scored after the text cleaner, as the pipeline would produce it.
/// </summary>
public sealed class ExtractionEvaluation : IEvaluation
{
    public string Task => "extraction";
    public string Description => "Article-body extraction from HTML pages (4-token shingle P/R/F1), with peer extractors side by side";
    public string DefaultDataset => "scrapinghub-article-extraction-benchmark";

    public Outcome<EvaluationReport> Run(EvaluationRequest request)
    {
        var goldPath = Path.Combine(request.DataFolder, "ground-truth.json");
        if (!File.Exists(goldPath)) return Outcome<EvaluationReport>.Fail($"no ground-truth.json in {request.DataFolder}");
        var gold = ReadBodies(goldPath);
        var ids = gold.Keys.Order(StringComparer.Ordinal).Take(request.Limit ?? int.MaxValue).ToList();

        var htmlReader = new HtmlReader(new IngestOptions());
        var cleaner = new TextCleaner();
        var predictions = new Dictionary<string, string>(StringComparer.Ordinal);
        var readerOnly = new Dictionary<string, string>(StringComparer.Ordinal);
        int failures = 0;
        var clock = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            var path = Path.Combine(request.DataFolder, "html", id + ".html.gz");
            if (!File.Exists(path)) path = Path.Combine(request.DataFolder, "html", id + ".html");
            if (!File.Exists(path)) { predictions[id] = readerOnly[id] = ""; failures++; continue; }
            var outcome = htmlReader.ReadPage(new InputFile(path, File.ReadAllBytes(path)));
            if (outcome.TryGetValue(out var document))
            {
                readerOnly[id] = document.Text;
                predictions[id] = cleaner.Clean(document.Text).Text;
            }
            else { predictions[id] = readerOnly[id] = ""; failures++; request.Progress?.Report($"{path}: {outcome.Problem}"); }
        }
        clock.Stop();

        var report = new EvaluationReport(Task, request.DataFolder);
        var rows = new List<IReadOnlyList<string>>();
        var ours = ShingleMetric.Summarise(ids.Select(id => ShingleMetric.Score(gold[id], predictions[id])).ToList());
        rows.Add(Row("storyline", ours));
        AddFigures(report, "storyline", ours);
        // The HTML reader's own output, before the shared text cleaner, shows what each of the two steps does.
        var reader = ShingleMetric.Summarise(ids.Select(id => ShingleMetric.Score(gold[id], readerOnly[id])).ToList());
        rows.Add(Row("storyline (html reader only)", reader));
        AddFigures(report, "storyline_reader_only", reader);
        var referenceFolder = Path.Combine(request.DataFolder, "reference-outputs");
        if (Directory.Exists(referenceFolder))
        {
            foreach (var file in Directory.GetFiles(referenceFolder, "*.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var peer = ReadBodies(file);
                var summary = ShingleMetric.Summarise(ids.Select(id => ShingleMetric.Score(gold[id], peer.GetValueOrDefault(id))).ToList());
                rows.Add(Row(name, summary));
                AddFigures(report, name, summary);
            }
        }
        report.AddTable($"Article body extraction, {ids.Count} pages", ["extractor", "precision", "recall", "F1", "accuracy"], rows);
        report.Figures["extraction.storyline.failures"] = failures;
        report.Notes.Add($"{failures} page(s) yielded no article. Reading, decoding and extracting took {clock.Elapsed.TotalMilliseconds:0} ms on one thread, including the first-call warm-up ({ids.Count / clock.Elapsed.TotalSeconds:0} pages/s); the benchmark project measures steady-state speed.");

        if (request.PredictionsPath is not null)
        {
            var json = new JsonObject();
            foreach (var id in ids) json[id] = new JsonObject { ["articleBody"] = predictions[id] };
            File.WriteAllText(request.PredictionsPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        return Outcome<EvaluationReport>.Ok(report);
    }

    private static IReadOnlyList<string> Row(string name, ShingleMetric.Summary s) =>
        [name, EvaluationReport.Format(s.Precision), EvaluationReport.Format(s.Recall), EvaluationReport.Format(s.F1), EvaluationReport.Format(s.Accuracy)];

    private static void AddFigures(EvaluationReport report, string name, ShingleMetric.Summary s)
    {
        report.Figures[$"extraction.{name}.precision"] = s.Precision;
        report.Figures[$"extraction.{name}.recall"] = s.Recall;
        report.Figures[$"extraction.{name}.f1"] = s.F1;
        report.Figures[$"extraction.{name}.accuracy"] = s.Accuracy;
    }

    /// <summary>Reads <c>{"id": {"articleBody": …}}</c>, also when wrapped as <c>{"version": …, "output": {…}}</c>.</summary>
    public static Dictionary<string, string> ReadBodies(string path)
    {
        using var stream = File.OpenRead(path);
        var root = JsonNode.Parse(stream)!.AsObject();
        if (root["output"] is JsonObject wrapped) root = wrapped;
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, value) in root)
            bodies[id] = value is JsonObject item && item["articleBody"] is JsonValue body && body.TryGetValue<string>(out var text) ? text : "";
        return bodies;
    }
}
