using System.CommandLine;
using Storyline.Evaluation;
using Storyline.Time.Evaluation;

namespace Storyline.Cli.Commands;

/// <summary>
/// <c>storyline score time --predictions FILE [--data] [--split] [--json] [--system NAME]</c>: scores another
/// system's output (in the <c>eval --predictions</c> format) with the same scorer as <c>storyline eval time</c>.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var task = new Argument<string>("task") { Description = "What the predictions are for: time" };
        var predictions = new Option<string>("--predictions") { Description = "The system's output, in the eval --predictions format", Required = true };
        var data = new Option<string?>("--data") { Description = "Dataset folder (default: the task's folder under ../shared/datasets)" };
        var split = new Option<string?>("--split") { Description = "Split to score (for time: a folder name such as aquaint or timebank)" };
        var json = new Option<string?>("--json") { Description = "Write the figures as JSON to this file" };
        var system = new Option<string>("--system") { Description = "Name of the system, for the report", DefaultValueFactory = _ => "external" };
        var command = new Command("score", "Score another system's predictions with Storyline's scorer") { task, predictions, data, split, json, system };
        command.SetAction(parse =>
        {
            if (!string.Equals(parse.GetValue(task), "time", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine("error: only 'time' predictions can be scored so far");
                return ExitCodes.Usage;
            }
            var evaluation = new TimeEvaluation();
            var folder = parse.GetValue(data) ?? Datasets.Find(evaluation.DefaultDataset);
            if (folder is null || !Directory.Exists(folder))
            {
                Console.Error.WriteLine($"error: dataset folder not found: {folder ?? "../shared/datasets/" + evaluation.DefaultDataset}. Pass --data <folder>.");
                return ExitCodes.NoInput;
            }
            var outcome = evaluation.ScorePredictions(new EvaluationRequest(folder, parse.GetValue(split), null), parse.GetValue(predictions)!, parse.GetValue(system)!);
            if (!outcome.TryGetValue(out var report))
            {
                Console.Error.WriteLine($"error: {outcome.Problem}");
                return ExitCodes.DataError;
            }
            ReportPrinter.Print(report);
            if (parse.GetValue(json) is { } jsonPath) File.WriteAllText(jsonPath, report.ToJson());
            return ExitCodes.Ok;
        });
        return command;
    }
}
