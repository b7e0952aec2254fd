using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Storyline.Export;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline timeline &lt;story-id&gt;</c>: a story's dated events in order, each with the outlets that report it.</summary>
internal static class TimelineCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("story-id") { Description = "Story id (or a unique prefix), as 'storyline stories' lists it" };
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command("timeline", "Show a story's timeline: dated events in order, with the articles citing each") { id, db, json };
        command.SetAction(parse =>
        {
            using var store = CommonOptions.OpenExisting(parse.GetValue(db)!, out int exit);
            if (store is null) return exit;
            var analysis = store.LoadAnalysis();
            var story = StoriesCommand.Find(analysis, parse.GetValue(id)!, out exit);
            if (story is null) return exit;
            var subset = ShowCommand.StorySubset(analysis, story);
            if (parse.GetValue(json))
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
            var table = new Table().AddColumns("date", "event", "reported by");
            foreach (var entry in subset.Timeline)
                table.AddRow(Markup.Escape(entry.Date), Markup.Escape(entry.Text),
                    Markup.Escape(string.Join(", ", entry.ArticleIds.Select(a => outlets.GetValueOrDefault(a, a)))));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
