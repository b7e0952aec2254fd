using System.CommandLine;
using Spectre.Console;
using Storyline.Evaluation;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline eval &lt;task&gt; --data &lt;folder&gt; [--split] [--json] [--predictions]</c>.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var task = new Argument<string>("task") { Description = "What to evaluate: " + string.Join(", ", EvaluationCatalog.Evaluations.Select(e => e.Task)) };
        var data = new Option<string?>("--data") { Description = "Dataset folder (default: the task's folder under ../shared/datasets)" };
        var split = new Option<string?>("--split") { Description = "Split to evaluate (dev, test…; default: the task's held-out split)" };
        var json = new Option<string?>("--json") { Description = "Write the figures as JSON to this file" };
        var predictions = new Option<string?>("--predictions") { Description = "Write the system's raw output to this file, for independent scoring" };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N documents (a quick slice)" };
        var compare = new Option<string?>("--compare") { Description = "Also run a peer system on the same documents and report it beside ours (ner: compromise)" };
        var model = new Option<string?>("--model") { Description = "Evaluate this model file instead of the shipped one (ner: a 'train ner --dev' model with --split dev)" };
        var command = new Command("eval", "Measure accuracy on a dataset and print precision, recall and F1") { task, data, split, json, predictions, limit, compare, model };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(task)!;
            var evaluation = EvaluationCatalog.FindEvaluation(name);
            if (evaluation is null)
            {
                Console.Error.WriteLine($"error: unknown evaluation task '{name}'. Known: {string.Join(", ", EvaluationCatalog.Evaluations.Select(e => e.Task))}");
                return ExitCodes.Usage;
            }
            var folder = parse.GetValue(data) ?? Datasets.Find(evaluation.DefaultDataset);
            if (folder is null || !Directory.Exists(folder))
            {
                Console.Error.WriteLine($"error: dataset folder not found: {folder ?? "../shared/datasets/" + evaluation.DefaultDataset}. Pass --data <folder>.");
                return ExitCodes.NoInput;
            }
            var request = new EvaluationRequest(folder, parse.GetValue(split), parse.GetValue(predictions))
            {
                Limit = parse.GetValue(limit),
                Compare = parse.GetValue(compare),
                ModelPath = parse.GetValue(model),
                Progress = new Progress<string>(m => Console.Error.WriteLine(m)),
            };
            var outcome = evaluation.Run(request);
            if (!outcome.TryGetValue(out var report))
            {
                Console.Error.WriteLine($"error: {outcome.Problem}");
                return ExitCodes.DataError;
            }
            ReportPrinter.Print(report);
            if (parse.GetValue(json) is { } jsonPath)
            {
                File.WriteAllText(jsonPath, report.ToJson());
                Console.Error.WriteLine($"figures written to {jsonPath}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

internal static class ReportPrinter
{
    public static void Print(EvaluationReport report)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(report.Task)}[/] on {Markup.Escape(report.Data)}");
        foreach (var t in report.Tables)
        {
            var table = new Table().Title(Markup.Escape(t.Title));
            foreach (var c in t.Columns) table.AddColumn(Markup.Escape(c));
            foreach (var r in t.Rows) table.AddRow(r.Select(Markup.Escape).ToArray());
            AnsiConsole.Write(table);
        }
        foreach (var n in report.Notes) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(n)}[/]");
    }
}
