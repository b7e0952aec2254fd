using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Storyline.Documents;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline stories</c>: the stored stories, largest first.</summary>
internal static class StoriesCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command("stories", "List the stories in the database") { db, json };
        command.SetAction(parse =>
        {
            using var store = CommonOptions.OpenExisting(parse.GetValue(db)!, out int exit);
            if (store is null) return exit;
            var analysis = store.LoadAnalysis();
            if (parse.GetValue(json)) Console.WriteLine(StoriesJson(analysis).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            else PrintStories(analysis);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static void PrintStories(Analysis analysis)
    {
        if (analysis.Stories.Length == 0)
        {
            AnsiConsole.MarkupLine("[grey]No stories yet.[/]");
            return;
        }
        var byId = analysis.Articles.ToDictionary(a => a.Article.Id, a => a.Article);
        // The id is copied into the next command and a date range read at a glance, so only the title may wrap.
        var table = new Table()
            .AddColumn(new TableColumn("story").NoWrap())
            .AddColumn(new TableColumn("articles").RightAligned())
            .AddColumn(new TableColumn("dates").NoWrap())
            .AddColumn("title");
        foreach (var s in analysis.Stories)
        {
            var members = s.ArticleIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
            var dates = members.Select(a => a.Published.Iso).OfType<string>().Order(StringComparer.Ordinal).ToList();
            table.AddRow(
                Markup.Escape(s.Id),
                members.Count.ToString(),
                dates.Count == 0 ? "unknown" : dates[0] == dates[^1] ? dates[0] : $"{dates[0]}…{dates[^1]}",
                Markup.Escape(s.Title.Length > 90 ? s.Title[..89] + "…" : s.Title));
        }
        AnsiConsole.Write(table);
    }

    public static JsonArray StoriesJson(Analysis analysis)
    {
        var byId = analysis.Articles.ToDictionary(a => a.Article.Id, a => a.Article);
        return new JsonArray(analysis.Stories.Select(s => (JsonNode?)new JsonObject
        {
            ["id"] = s.Id,
            ["title"] = s.Title,
            ["articles"] = new JsonArray(s.ArticleIds.Where(byId.ContainsKey).Select(id => (JsonNode?)new JsonObject
            {
                ["id"] = id,
                ["title"] = byId[id].Title,
                ["source"] = byId[id].Source,
                ["published"] = byId[id].Published.Iso,
                ["published_basis"] = byId[id].Published.Basis,
            }).ToArray()),
        }).ToArray());
    }

    /// <summary>Finds a story by id or unique id prefix; prints why when it cannot.</summary>
    public static Story? Find(Analysis analysis, string id, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        var matches = analysis.Stories.Where(s => s.Id == id).ToList();
        if (matches.Count == 0) matches = analysis.Stories.Where(s => s.Id.StartsWith(id, StringComparison.Ordinal)).ToList();
        if (matches.Count == 1) return matches[0];
        Console.Error.WriteLine(matches.Count == 0
            ? $"error: no story '{id}'. 'storyline stories' lists them."
            : $"error: '{id}' matches {matches.Count} stories; give more of the id.");
        exitCode = matches.Count == 0 ? ExitCodes.NoInput : ExitCodes.Usage;
        return null;
    }
}
