using NodaTime;
using Storyline.Time;
using Xunit;

namespace Storyline.Tests.Time;

/// <summary>The time rules of the done-when list, on the seed articles (skipped when the seeds are absent).</summary>
public class TimeSeedTests
{
    private static string Value(IReadOnlyList<Storyline.Documents.AnalyzedArticle> articles, int article, string text, int occurrence = 0) =>
        articles[article].TimeExpressions.Where(t => t.Text == text).ElementAt(occurrence).Value ?? "unresolved";

    [SeedsFact]
    public void Relative_expressions_resolve_against_each_articles_date()
    {
        var ap = TimeSeeds.Load("000", [new LocalDate(2025, 3, 24), new LocalDate(2025, 3, 26)], secondStartsAt: "PARIS (AP)");
        Assert.Equal("2025-03-24", Value(ap, 0, "Monday"));
        Assert.Equal("2025-03", Value(ap, 0, "earlier this month"));
        Assert.Equal("2025-W12", Value(ap, 0, "last week"));
        Assert.Equal("2024", Value(ap, 0, "last year"));
        Assert.Equal("2018", Value(ap, 0, "2018"));
        Assert.Equal("2025-03-23", Value(ap, 0, "a day after"));
        Assert.Equal("2025-03-27", Value(ap, 1, "Thursday"));

        var benzinga = TimeSeeds.Load("001", [new LocalDate(2025, 3, 23)]);
        Assert.Equal("2024-07", Value(benzinga, 0, "last July"));
        var wion = TimeSeeds.Load("004", [new LocalDate(2025, 3, 22)]);
        Assert.Equal("2024-SU", Value(wion, 0, "last summer"));
        Assert.Equal("2025-W12", Value(wion, 0, "Earlier this week"));
    }

    [SeedsFact]
    public void An_undated_article_keeps_its_relative_expressions_unresolved()
    {
        var undated = TimeSeeds.Load("002", [null])[0];
        var relative = undated.TimeExpressions.Where(t => t.Type is TimexTypes.Date or TimexTypes.Time).ToList();
        Assert.NotEmpty(relative);
        // PRESENT_REF / PAST_REF ("now", "recently") need no clock; every other relative date must stay open.
        Assert.All(relative.Where(t => !t.Text.Any(char.IsDigit) && t.Value?.EndsWith("_REF", StringComparison.Ordinal) != true), t =>
        {
            Assert.Null(t.Value);
            Assert.False(string.IsNullOrEmpty(t.Unresolved));
        });
        Assert.Contains(undated.TimeExpressions, t => t.Type == TimexTypes.Duration && t.Value == "P2W");
    }
}
