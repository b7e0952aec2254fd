using System.CommandLine;
using Storyline.Export;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline export --format json|jsonl|md [--out FILE]</c>: the whole database in the export contract.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var format = new Option<string>("--format") { Description = "json, jsonl or md", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "jsonl", "md");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of stdout" };
        var command = new Command("export", "Export articles, stories, entities, quotes and timeline (schema: docs/export.schema.json)") { db, format, output };
        command.SetAction(parse =>
        {
            using var store = CommonOptions.OpenExisting(parse.GetValue(db)!, out int exit);
            if (store is null) return exit;
            var kind = parse.GetValue(format) switch { "jsonl" => ExportFormat.Jsonl, "md" => ExportFormat.Markdown, _ => ExportFormat.Json };
            var analysis = store.LoadAnalysis();
            if (parse.GetValue(output) is { } path)
            {
                try
                {
                    using var writer = new StreamWriter(path);
                    ExportWriter.Write(analysis, kind, writer);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"error: cannot write '{path}': {e.Message}");
                    return ExitCodes.CannotCreate;
                }
                Console.Error.WriteLine($"exported {analysis.Articles.Length} articles and {analysis.Stories.Length} stories to {path}");
            }
            else
            {
                ExportWriter.Write(analysis, kind, Console.Out);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
