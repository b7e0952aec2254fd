using System.Collections.Immutable;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Time.Timeline;

/// <summary>
/// Builds each story's timeline from the dated events of its articles.
/// <para>
/// Two events are the same when their dates are compatible — equal, or one refines the other (2024-07 refines
/// 2024 and 2024-SU) — and their clauses share enough content: the shared words, weighted by how rare they are
/// among the story's events, make up at least <see cref="SameEventThreshold"/> of the lighter event's weight.
/// Within one article only events with equal dates merge: a writer who says "Monday" and "earlier this month" in
/// one piece means two moments. An entry takes the most specific date of its events and cites every article that
/// reports it.
/// </para>
/// <para>
/// Order: by the first day of the entry's interval; on the same first day the wider interval comes first (2024
/// before 2024-01 before 2024-01-01), then the text. Expressions with no resolved calendar value (unresolved,
/// PRESENT_REF, durations, sets) are not placed.
/// </para>
/// </summary>
public sealed class TimelineBuilder : ICollectionStage
{
    public const double SameEventThreshold = 0.15;

    public string Name => "timeline";

    public Analysis Process(Analysis analysis)
    {
        var byId = analysis.Articles.GroupBy(a => a.Article.Id).ToDictionary(g => g.Key, g => g.First());
        var timeline = ImmutableArray.CreateBuilder<TimelineEntry>();
        foreach (var story in analysis.Stories)
        {
            var articles = story.ArticleIds.Where(byId.ContainsKey).Select(id => byId[id]);
            timeline.AddRange(Build(story.Id, articles));
        }
        return analysis with { Timeline = timeline.ToImmutable() };
    }

    /// <summary>The timeline of one story from its analysed articles (their time expressions must be filled).</summary>
    public static IReadOnlyList<TimelineEntry> Build(string storyId, IEnumerable<AnalyzedArticle> articles)
    {
        var events = articles.SelectMany(DatedEvents.Of).ToList();
        if (events.Count == 0) return [];

        // How rare each key is among the story's events: words every event shares (the protagonists) weigh little.
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in events) foreach (var k in e.Keys) frequency[k] = frequency.GetValueOrDefault(k) + 1;
        double Weight(string key) => Math.Log(1.0 + (double)events.Count / frequency[key]);

        // Most specific dates first, so that a coarse date joins the precise event it belongs to.
        var ordered = events
            .OrderByDescending(e => e.Date.Granularity)
            .ThenBy(e => e.Date.Start)
            .ThenBy(e => e.ArticleId, StringComparer.Ordinal)
            .ThenBy(e => e.Span.Start)
            .ToList();
        var groups = new List<List<DatedEvent>>();
        foreach (var e in ordered)
        {
            List<DatedEvent>? best = null;
            double bestScore = 0;
            foreach (var group in groups)
            {
                if (!group.All(member => Compatible(member.Date, e.Date) && (member.ArticleId != e.ArticleId || member.Date == e.Date))) continue;
                double score = group.Max(member => SameEventScore(member.Keys, e.Keys, Weight));
                if (score > bestScore) { bestScore = score; best = group; }
            }
            if (best is null) groups.Add([e]);
            else best.Add(e);
        }

        return groups
            .Select(g => ToEntry(storyId, g))
            .OrderBy(x => x.Date.Start)
            .ThenBy(x => x.Date.Granularity)
            .ThenBy(x => x.Entry.Text, StringComparer.Ordinal)
            .Select(x => x.Entry)
            .ToList();
    }

    /// <summary>Two dates can name the same event when one contains the other.</summary>
    public static bool Compatible(CalendarValue a, CalendarValue b) => a.Contains(b) || b.Contains(a);

    /// <summary>The similarity of two events when it is enough to call them the same, else 0.</summary>
    public static double SameEventScore(IReadOnlySet<string> a, IReadOnlySet<string> b, Func<string, double> weight)
    {
        int shared = a.Count(b.Contains);
        if (shared < 2) return 0;
        double score = Similarity(a, b, weight);
        return score >= SameEventThreshold ? score : 0;
    }

    /// <summary>The weight of the shared keys over the weight of the lighter key set.</summary>
    public static double Similarity(IReadOnlySet<string> a, IReadOnlySet<string> b, Func<string, double> weight)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        double shared = a.Where(b.Contains).Sum(weight);
        double lighter = Math.Min(a.Sum(weight), b.Sum(weight));
        return lighter == 0 ? 0 : shared / lighter;
    }

    private static (CalendarValue Date, TimelineEntry Entry) ToEntry(string storyId, List<DatedEvent> group)
    {
        // The most specific date; the text of the event that gives it, taken from the earliest mention: a news story
        // introduces an event in its lead and adds details ("31 delegations are expected") further down.
        var date = group.MaxBy(e => e.Date.Granularity)!.Date;
        var representative = group.Where(e => e.Date == date).OrderBy(e => e.Span.Start).ThenBy(e => e.Text.Length).ThenBy(e => e.ArticleId, StringComparer.Ordinal).First();
        var evidence = group
            .OrderBy(e => e.ArticleId, StringComparer.Ordinal).ThenBy(e => e.Span.Start)
            .Select(e => (e.ArticleId, e.Span))
            .ToImmutableArray();
        var articleIds = evidence.Select(e => e.ArticleId).Distinct().ToImmutableArray();
        return (date, new TimelineEntry(storyId, date.ToIso(), representative.Text, articleIds) { Evidence = evidence });
    }
}

public static class TimelinePipelineExtensions
{
    /// <summary>
    /// Adds the timeline stage, which reads the stories and the time expressions. When the time stage is not in the
    /// pipeline yet it is added here, after the article stages already chosen (so call <c>UseTime()</c> yourself to
    /// place it earlier).
    /// </summary>
    public static PipelineBuilder UseTimeline(this PipelineBuilder builder) =>
        (builder.Has("time") ? builder : builder.UseTime()).Use(new TimelineBuilder());
}
