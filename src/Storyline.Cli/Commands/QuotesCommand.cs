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
    private const string NoSource = "(no source given)";

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
            foreach (var (article, quote, text) in quotes)
            {
                var how = string.Join(", ", new[] { quote.Kind, quote.CueText, quote.ReportedPerson is { } r ? "recounting " + r : null }.OfType<string>());
                AnsiConsole.MarkupLine($"  {Markup.Escape(text)}");
                AnsiConsole.MarkupLine($"    [grey]{Markup.Escape(how)} · {Markup.Escape(article.OutletOrSource)}[/]");
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Quotes grouped by speaker, most quoted first. A source that names no known person or organisation ("the port
    /// authority", "police") is grouped by its words as written, after the resolved speakers; quotes with no source
    /// come last. The parts of one attribution (a split quote, a reported clause around its cue) are one entry, their
    /// texts joined by an ellipsis.
    /// </summary>
    internal static List<(string Speaker, List<(Article Article, Quote Quote, string Text)> Quotes)> BySpeaker(Analysis analysis) =>
        analysis.Articles
            .SelectMany(a => QuoteParts.Joined(a.Quotes).Select(x => (a.Article, x.Quote, x.Text, Group: GroupOf(a.Article, x.Quote))))
            .GroupBy(x => (x.Group.Rank, x.Group.Key))
            .OrderBy(g => g.Key.Rank).ThenByDescending(g => g.Count()).ThenBy(g => g.Key.Key, StringComparer.Ordinal)
            .Select(g => (g.First().Group.Label, g.Select(x => (x.Article, x.Quote, x.Text)).ToList()))
            .ToList();

    private static (int Rank, string Key, string Label) GroupOf(Article article, Quote quote)
    {
        if (quote.Speaker is { } speaker) return (0, speaker, speaker);
        if (quote.SpeakerSpan is not { } span || span.End > article.Text.Length) return (2, "", NoSource);
        var written = article.Text[span.Start..span.End].Trim();
        var key = written.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? written[4..] : written;
        return (1, key.ToLowerInvariant(), $"{written} (not resolved to a named entity)");
    }
}
