using System.CommandLine;
using Storyline.Documents;
using System.Text.Json;
using Spectre.Console;
using Storyline.Export;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline timeline &lt;story-id&gt;</c>: a story's dated events in order, each with the outlets that report it.</summary>
internal static class TimelineCommand
{
    public static Command Create() => StoryScopedCommand.Create("timeline", "Show a story's timeline: dated events in order, with the articles citing each", Render);

    private static int Render(Story story, Analysis subset, bool asJson)
    {
        if (asJson)
        {
            var export = ExportWriter.ToJson(subset);
            Console.WriteLine(export["timeline"]!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(story.Title)}[/]  [grey]{story.Id}[/]");
        if (subset.Timeline.Length == 0)
        {
            AnsiConsole.MarkupLine("[grey]no dated events (articles without a publication date keep relative dates unresolved)[/]");
            return ExitCodes.Ok;
        }
        var outlets = subset.Articles.ToDictionary(a => a.Article.Id, a => a.Article.OutletOrSource);
        // One outlet per line: a comma-joined list wraps mid-name in a narrow column.
        var table = new Table().AddColumn(new TableColumn("date").NoWrap()).AddColumn("event").AddColumn(new TableColumn("reported by").NoWrap());
        foreach (var entry in subset.Timeline)
            table.AddRow(Markup.Escape(entry.Date), Markup.Escape(entry.Text),
                Markup.Escape(string.Join("\n", entry.ArticleIds.Select(a => outlets.GetValueOrDefault(a, a)).Distinct())));
        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }
}
