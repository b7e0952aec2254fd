using Storyline.Documents;
using Storyline.Quotes;

namespace Storyline.Export;

/// <summary>A human-readable report of an analysis: each story with its articles, people, quotes and timeline.</summary>
public static class MarkdownReport
{
    public static void Write(Analysis analysis, TextWriter output)
    {
        var byId = analysis.Articles.ToDictionary(a => a.Article.Id);
        output.WriteLine("# Storyline report");
        output.WriteLine();
        output.WriteLine($"{analysis.Articles.Length} articles, {analysis.Stories.Length} stories, {analysis.Entities.Length} entities.");
        foreach (var story in analysis.Stories)
        {
            output.WriteLine();
            output.WriteLine($"## {story.Title}");
            output.WriteLine();
            output.WriteLine($"Story `{story.Id}`, {story.ArticleIds.Length} article(s).");
            output.WriteLine();
            output.WriteLine("| article | outlet / source | published | basis |");
            output.WriteLine("|---|---|---|---|");
            foreach (var id in story.ArticleIds.Where(byId.ContainsKey))
            {
                var a = byId[id].Article;
                output.WriteLine($"| {Escape(a.Title ?? a.Id)} | {Escape(a.OutletOrSource)} | {a.Published.Iso ?? "unknown"} | {a.Published.Basis} |");
            }
            var quotes = story.ArticleIds.Where(byId.ContainsKey).SelectMany(id => QuoteParts.Joined(byId[id].Quotes)).ToList();
            if (quotes.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("### Quotes");
                foreach (var group in quotes.GroupBy(q => q.Quote.Speaker ?? "(unattributed)").OrderByDescending(g => g.Count()))
                {
                    output.WriteLine();
                    output.WriteLine($"**{Escape(group.Key)}**");
                    foreach (var (q, text) in group) output.WriteLine($"- ({q.Kind}) {Escape(text)}");
                }
            }
            var timeline = analysis.Timeline.Where(t => t.StoryId == story.Id).ToList();
            if (timeline.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("### Timeline");
                output.WriteLine();
                foreach (var t in timeline) output.WriteLine($"- **{t.Date}** {Escape(t.Text)} ({t.ArticleIds.Length} article(s))");
            }
        }
        if (analysis.Entities.Length > 0)
        {
            output.WriteLine();
            output.WriteLine("## Entities");
            output.WriteLine();
            output.WriteLine("| name | type | aliases | articles |");
            output.WriteLine("|---|---|---|---|");
            foreach (var e in analysis.Entities.OrderByDescending(e => e.ArticleIds.Length).ThenBy(e => e.Name, StringComparer.Ordinal))
                output.WriteLine($"| {Escape(e.Name)} | {e.Type} | {Escape(string.Join(", ", e.Aliases))} | {e.ArticleIds.Length} |");
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
