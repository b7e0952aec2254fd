using System.CommandLine;
using System.Collections.Immutable;
using System.Text.Json;
using Spectre.Console;
using Storyline.Documents;
using Storyline.Export;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline show &lt;story-id&gt;</c>: one story with its articles, what was removed from them, and its people.</summary>
internal static class ShowCommand
{
    public static Command Create() => StoryScopedCommand.Create("show", "Show one story: its articles, dates and entities", Render);

    private static int Render(Story story, Analysis subset, bool asJson)
    {
        if (asJson)
        {
            Console.WriteLine(ExportWriter.ToJson(subset).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(story.Title)}[/]  [grey]{story.Id}[/]");
        foreach (var a in subset.Articles.Select(x => x.Article))
        {
            AnsiConsole.MarkupLine($"\n[bold]{Markup.Escape(a.Title ?? a.Id)}[/]");
            AnsiConsole.MarkupLine($"  {Markup.Escape(a.Source)}  [grey]{a.Id}[/]");
            AnsiConsole.MarkupLine($"  published {a.Published.Iso ?? "unknown"} ({a.Published.Basis}){(a.Published.Reason is { } r ? ": " + Markup.Escape(r) : "")}");
            foreach (var group in a.Removed.GroupBy(r => r.Kind))
                AnsiConsole.MarkupLine($"  [grey]removed {group.Count()} × {Markup.Escape(group.Key)}[/]");
        }
        if (subset.Entities.Length > 0)
        {
            var table = new Table().AddColumns("entity", "type", "aliases", "articles");
            foreach (var e in subset.Entities.OrderByDescending(e => e.ArticleIds.Length).ThenBy(e => e.Name, StringComparer.Ordinal))
                table.AddRow(Markup.Escape(e.Name), e.Type, Markup.Escape(string.Join(", ", e.Aliases)), e.ArticleIds.Length.ToString());
            AnsiConsole.Write(table);
        }
        return ExitCodes.Ok;
    }

    /// <summary>The part of an analysis that concerns one story.</summary>
    public static Analysis StorySubset(Analysis analysis, Story story)
    {
        var ids = story.ArticleIds.ToHashSet();
        return new Analysis(analysis.Articles.Where(a => ids.Contains(a.Article.Id)).ToImmutableArray())
        {
            Stories = [story],
            Entities = analysis.Entities.Where(e => e.ArticleIds.Any(ids.Contains)).ToImmutableArray(),
            Timeline = analysis.Timeline.Where(t => t.StoryId == story.Id).ToImmutableArray(),
            NearDuplicates = analysis.NearDuplicates.Where(d => ids.Contains(d.Duplicate)).ToImmutableArray(),
        };
    }
}
