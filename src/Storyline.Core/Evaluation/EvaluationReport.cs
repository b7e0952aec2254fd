using System.Text.Json;
using System.Text.Json.Nodes;

namespace Storyline.Evaluation;

/// <summary>A table of figures, printed by the CLI and written into the JSON report.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// What an evaluation measured: human-readable tables plus machine-readable figures, written as JSON with
/// <c>--json</c>. Figures are keyed by dotted names such as <c>ner.wikigold.f1</c>.
/// </summary>
public sealed class EvaluationReport(string task, string data)
{
    public string Task { get; } = task;
    public string Data { get; } = data;
    public List<ReportTable> Tables { get; } = [];
    public SortedDictionary<string, double> Figures { get; } = new(StringComparer.Ordinal);
    public List<string> Notes { get; } = [];

    public EvaluationReport AddTable(string title, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        Tables.Add(new ReportTable(title, columns, rows.ToList()));
        return this;
    }

    public static string Format(double value) => value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);

    public string ToJson()
    {
        var json = new JsonObject
        {
            ["task"] = Task,
            ["data"] = Data,
            ["figures"] = new JsonObject(Figures.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(Math.Round(kv.Value, 6))))),
            ["tables"] = new JsonArray(Tables.Select(t => (JsonNode?)new JsonObject
            {
                ["title"] = t.Title,
                ["columns"] = new JsonArray(t.Columns.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
                ["rows"] = new JsonArray(t.Rows.Select(r => (JsonNode?)new JsonArray(r.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray())).ToArray()),
            }).ToArray()),
            ["notes"] = new JsonArray(Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}

/// <summary>What the user asked an evaluation to do.</summary>
/// <param name="DataFolder">A folder laid out like the dataset in <c>../shared/datasets</c>.</param>
/// <param name="Split">A split name (<c>dev</c>, <c>test</c>…), or null for the task's default.</param>
/// <param name="PredictionsPath">Where to write the system's raw output, or null.</param>
public sealed record EvaluationRequest(string DataFolder, string? Split, string? PredictionsPath)
{
    public IProgress<string>? Progress { get; init; }
    /// <summary>At most this many documents or sentences, for a quick slice (tests use this); null for all.</summary>
    public int? Limit { get; init; }
    /// <summary>A peer system to run on the same documents and report beside ours (for example <c>compromise</c>), or null.</summary>
    public string? Compare { get; init; }
    /// <summary>A model file to evaluate instead of the shipped one (for example a <c>train --dev</c> model), or null.</summary>
    public string? ModelPath { get; init; }
}

/// <summary>One evaluation task, run by <c>storyline eval &lt;task&gt;</c>.</summary>
public interface IEvaluation
{
    string Task { get; }
    string Description { get; }
    /// <summary>The dataset folder name under <c>../shared/datasets</c> used when <c>--data</c> is not given.</summary>
    string DefaultDataset { get; }
    Outcome<EvaluationReport> Run(EvaluationRequest request);
}
