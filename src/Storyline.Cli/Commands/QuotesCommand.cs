using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Storyline.Documents;
using Storyline.Export;
using Storyline.Quotes;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline quotes &lt;story-id&gt;</c>: who said what in a story, grouped by speaker.</summary>
internal static class QuotesCommand
{
    private const string UnknownSpeaker = "(speaker unknown)";

    public static Command Create() => StoryScopedCommand.Create("quotes", "Show the quotes of one story, grouped by speaker", Render);

    private static int Render(Story story, Analysis subset, bool asJson)
    {
        var groups = BySpeaker(subset);
        if (asJson)
        {
            var exported = ExportWriter.ToJson(subset)["quotes"];
            Console.WriteLine(new JsonObject
            {
                ["story"] = story.Id,
                ["title"] = story.Title,
                ["quotes"] = exported?.DeepClone(),
            }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(story.Title)}[/]  [grey]{story.Id}[/]");
        if (groups.Count == 0) AnsiConsole.MarkupLine("[grey]no quotes found[/]");
        foreach (var (speaker, quotes) in groups)
        {
            AnsiConsole.MarkupLine($"\n[bold]{Markup.Escape(speaker)}[/] [grey]({quotes.Count})[/]");
            foreach (var (article, quote) in quotes)
            {
                var how = string.Join(", ", new[] { quote.Kind, quote.CueText, quote.ReportedPerson is { } r ? "recounting " + r : null }.OfType<string>());
                AnsiConsole.MarkupLine($"  {Markup.Escape(quote.Text)}");
                AnsiConsole.MarkupLine($"    [grey]{Markup.Escape(how)} · {Markup.Escape(article.OutletOrSource)}[/]");
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>Quotes grouped by speaker, most quoted first; unknown speakers last.</summary>
    internal static List<(string Speaker, List<(Article Article, Quote Quote)> Quotes)> BySpeaker(Analysis analysis) =>
        analysis.Articles
            .SelectMany(a => a.Quotes.Select(q => (a.Article, Quote: q)))
            .GroupBy(x => x.Quote.Speaker ?? UnknownSpeaker)
            .OrderBy(g => g.Key == UnknownSpeaker).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(x => (x.Article, x.Quote)).ToList()))
            .ToList();
}
