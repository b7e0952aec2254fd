using System.Collections.Immutable;
using NodaTime;
using Storyline.Documents;
using Storyline.Ingest;
using Storyline.Pipeline;
using Storyline.Segmentation;
using Storyline.Time.Timeline;
using Xunit;
using Xunit.Abstractions;

namespace Storyline.Tests.Time;

/// <summary>The done-when checks of the timeline on the seed corpus (skipped when the seeds are absent).</summary>
public class TimelineSeedTests(ITestOutputHelper output)
{
    private static readonly LocalDate March22 = new(2025, 3, 22), March23 = new(2025, 3, 23), March24 = new(2025, 3, 24), March26 = new(2025, 3, 26);

    private Analysis Seeds()
    {
        var ap = TimeSeeds.Load("000", [March24, March26], secondStartsAt: "PARIS (AP)");
        var articles = ap.Concat(TimeSeeds.Load("001", [March23])).Concat(TimeSeeds.Load("003", [March23])).Concat(TimeSeeds.Load("004", [March22])).ToImmutableArray();
        var main = new Story("main", "Putin's portrait for Trump", ["000-0", "001-0", "003-0", "004-0"]);
        var macron = new Story("macron", "Macron's coalition", ["000-1"]);
        var analysis = new TimelineBuilder().Process(new Analysis(articles) { Stories = [main, macron] });
        foreach (var e in analysis.Timeline) output.WriteLine($"{e.StoryId} {e.Date} [{string.Join(",", e.ArticleIds)}] {e.Text}");
        return analysis;
    }

    /// <summary>The entry's own text and the clauses of all its evidence.</summary>
    private static string Said(Analysis analysis, TimelineEntry entry) =>
        entry.Text + "\n" + string.Join("\n", entry.Evidence.Select(e => e.Span.Of(analysis.Articles.Single(a => a.Article.Id == e.ArticleId).Text)));

    private static TimelineEntry Find(Analysis analysis, string story, string date, params string[] words) =>
        analysis.Timeline.SingleOrDefault(e => e.StoryId == story && e.Date == date && words.All(w => Said(analysis, e).Contains(w, StringComparison.OrdinalIgnoreCase)))
        ?? throw new Xunit.Sdk.XunitException($"no single {story} entry at {date} mentioning {string.Join(", ", words)}; timeline:\n"
            + string.Join("\n", analysis.Timeline.Select(e => $"  {e.StoryId} {e.Date} {e.Text}")));

    [SeedsFact]
    public void Main_story_holds_the_gifts_the_attempt_the_handover_and_the_call()
    {
        var analysis = Seeds();
        Find(analysis, "main", "1945", "Great Seal");
        Find(analysis, "main", "2013", "porcelain");
        Find(analysis, "main", "2014", "portrait");
        Find(analysis, "main", "2018", "soccer ball");
        Find(analysis, "main", "2021", "Geneva");
        Find(analysis, "main", "2025-03", "painting", "Moscow");
        Find(analysis, "main", "2025-03-17/2025-03-23", "phone call");

        var attempt = analysis.Timeline.Where(e => e.StoryId == "main" && e.Date == "2024-07").ToList();
        var merged = Assert.Single(attempt);
        Assert.Equal(["000-0", "001-0", "003-0", "004-0"], merged.ArticleIds.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(analysis.Timeline, e => e.StoryId == "main" && e.Date is "2024" or "2024-06-01/2024-08-31" && e.Text.Contains("assassination", StringComparison.OrdinalIgnoreCase));
    }

    [SeedsFact]
    public void Macron_story_holds_the_Paris_summit_on_Thursday()
    {
        var analysis = Seeds();
        Find(analysis, "macron", "2025-03-27", "summit");
    }

    /// <summary>The whole pipeline — ingest, cleaning, segmentation, dating, language, time, stories, timeline.</summary>
    [SeedsFact]
    public void The_full_pipeline_builds_the_same_timelines_from_the_seed_files()
    {
        var factory = new ArticleFactory();
        var articles = Ingestor.CreateDefault().Read([Storyline.Tests.Seeds.Folder()!]).Select(r => r.Value).SelectMany(factory.Create).ToList();
        var analysis = DefaultPipeline.Create().Run(articles);
        foreach (var e in analysis.Timeline) output.WriteLine($"{e.StoryId} {e.Date} [{e.ArticleIds.Length}] {e.Text}");
        string StoryOf(string file, int index = 0)
        {
            var article = articles.Where(a => Path.GetFileName(a.Source).StartsWith(file, StringComparison.Ordinal)).ElementAt(index);
            return analysis.Stories.Single(s => s.ArticleIds.Contains(article.Id)).Id;
        }
        var main = StoryOf("001");
        Find(analysis, main, "1945", "Great Seal");
        Find(analysis, main, "2013", "porcelain");
        Find(analysis, main, "2014", "portrait");
        Find(analysis, main, "2018", "soccer ball");
        Find(analysis, main, "2021", "Geneva");
        Find(analysis, main, "2025-03", "painting", "Moscow");
        Find(analysis, main, "2025-03-17/2025-03-23", "phone call");
        var attempt = Find(analysis, main, "2024-07", "assassination");
        Assert.True(attempt.ArticleIds.Length >= 4, $"the attempt is cited by {attempt.ArticleIds.Length} articles");
        Find(analysis, StoryOf("000", 1), "2025-03-27", "summit");
    }

    [SeedsFact]
    public void Timelines_are_ordered_by_date()
    {
        var main = Seeds().Timeline.Where(e => e.StoryId == "main").ToList();
        var starts = main.Select(e => e.Date.Split('/')[0]).Select(d => d.Length == 4 ? d + "-01-01" : d.Length == 7 ? d + "-01" : d).ToList();
        Assert.Equal(starts.Order(StringComparer.Ordinal), starts);
    }
}
