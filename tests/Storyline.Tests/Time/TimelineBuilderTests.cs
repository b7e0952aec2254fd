using System.Collections.Immutable;
using NodaTime;
using Storyline.Documents;
using Storyline.Time;
using Storyline.Time.Timeline;
using Xunit;

namespace Storyline.Tests.Time;

/// <summary>Timeline merge, keep-apart and order rules, on articles written for these tests.</summary>
public class TimelineBuilderTests
{
    private static AnalyzedArticle Article(string id, string text, LocalDate? published)
    {
        var date = published is null ? PublicationDate.Unknown("no date in the test article") : new PublicationDate(published, DateBases.Header);
        var article = new Article(id, id + ".txt", null, text, date, new TextSpan(0, text.Length), [], DocumentMetadata.Empty);
        return new TimeStage().Process(new AnalyzedArticle(article));
    }

    private static ImmutableArray<TimelineEntry> Timeline(params AnalyzedArticle[] articles)
    {
        var story = new Story("s1", "Harbour bridge", [.. articles.Select(a => a.Article.Id)]);
        return new TimelineBuilder().Process(new Analysis([.. articles]) { Stories = [story] }).Timeline;
    }

    [Fact]
    public void The_same_event_told_with_different_dates_by_several_outlets_is_one_entry()
    {
        var timeline = Timeline(
            Article("a", "The harbour bridge collapsed during a storm last July, the mayor said.", new LocalDate(2025, 3, 23)),
            Article("b", "Engineers blamed rusted cables for the 2024 collapse of the harbour bridge.", new LocalDate(2025, 3, 23)),
            Article("c", "The harbour bridge collapse last summer cut the town in two.", new LocalDate(2025, 3, 22)),
            Article("d", "Residents still remember the bridge collapse of last year.", new LocalDate(2025, 3, 24)));
        var entry = Assert.Single(timeline);
        Assert.Equal("2024-07", entry.Date);
        Assert.Equal(["a", "b", "c", "d"], entry.ArticleIds.Order(StringComparer.Ordinal));
        Assert.Equal(4, entry.Evidence.Length);
        Assert.Contains("collapsed", entry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_after_since_that_a_comparison_reaches_back_to_dates_no_event()
    {
        var timeline = Timeline(
            Article("a", "The walkout, the first at the bridge works since 2016, left the crossing closed on Tuesday.", new LocalDate(2025, 6, 11)),
            Article("b", "Tolls rose to their highest level since March.", new LocalDate(2025, 6, 11)),
            Article("c", "The bridge has been closed to lorries since 2019.", new LocalDate(2025, 6, 11)));
        Assert.DoesNotContain(timeline, e => e.Date == "2016");
        Assert.DoesNotContain(timeline, e => e.Date == "2025-03");
        Assert.Contains(timeline, e => e.Date == "2025-06-10");
        // Without a comparison, "since" still dates the start of what the clause reports.
        Assert.Contains(timeline, e => e.Date == "2019" && e.Text.Contains("closed to lorries", StringComparison.Ordinal));
    }

    [Fact]
    public void Evidence_spans_point_at_the_clause_in_each_article()
    {
        var a = Article("a", "The council met on Monday. The harbour bridge collapsed during a storm last July, the mayor said.", new LocalDate(2025, 3, 23));
        var entry = Timeline(a).Single(e => e.Date == "2024-07");
        var (articleId, span) = Assert.Single(entry.Evidence);
        Assert.Equal("a", articleId);
        Assert.Equal(entry.Text, span.Of(a.Text));
        Assert.StartsWith("The harbour bridge collapsed", entry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_belongs_to_the_part_of_the_clause_it_sits_in()
    {
        var timeline = Timeline(Article("a",
            "The minister spoke after the talks and ahead of a summit in Oslo of some 20 nations on Thursday that will discuss the fishing quota.",
            new LocalDate(2025, 3, 26)));
        var entry = Assert.Single(timeline, e => e.Date == "2025-03-27");
        Assert.StartsWith("ahead of a summit in Oslo", entry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("spoke", entry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_coordinated_phrase_keeps_its_whole_clause()
    {
        var entry = Assert.Single(Timeline(Article("a", "The museum received a vase and a lamp in 2019.", new LocalDate(2025, 3, 26))));
        Assert.Equal("The museum received a vase and a lamp in 2019.", entry.Text);
    }

    [Fact]
    public void The_entry_text_comes_from_the_first_mention_of_the_event()
    {
        var entry = Assert.Single(Timeline(Article("a",
            "The dockers' union said the long-threatened ferry strike over pay and pensions will start on Thursday. Pickets for the ferry strike gather Thursday.",
            new LocalDate(2025, 3, 26))));
        Assert.Equal("2025-03-27", entry.Date);
        Assert.StartsWith("The dockers' union said", entry.Text, StringComparison.Ordinal);
        Assert.Equal(2, entry.Evidence.Length);
    }

    [Fact]
    public void Distinct_events_with_compatible_dates_stay_apart()
    {
        var timeline = Timeline(
            Article("a", "The ferry company went bankrupt earlier this month. Last week the school choir won a national prize.", new LocalDate(2025, 3, 24)));
        Assert.Equal(2, timeline.Length);
        Assert.Contains(timeline, e => e.Date == "2025-03" && e.Text.Contains("ferry", StringComparison.Ordinal));
        Assert.Contains(timeline, e => e.Date == "2025-03-17/2025-03-23" && e.Text.Contains("choir", StringComparison.Ordinal));
    }

    [Fact]
    public void Similar_events_in_different_years_stay_apart()
    {
        var timeline = Timeline(
            Article("a", "In 2018, the mayor gave the visiting queen a painted vase. In 2021, the mayor gave the visiting king a painted vase.", new LocalDate(2025, 3, 24)));
        Assert.Equal(["2018", "2021"], timeline.Select(e => e.Date));
    }

    [Fact]
    public void Entries_are_ordered_by_start_with_the_wider_interval_first()
    {
        var timeline = Timeline(
            Article("a", "The tunnel opened on January 5, 2024. Traffic doubled in 2024. The toll was cut in January 2024. " +
                         "The old ferry sank in 1998. Repairs began last week.", new LocalDate(2025, 3, 24)));
        Assert.Equal(["1998", "2024", "2024-01", "2024-01-05", "2025-03-17/2025-03-23"], timeline.Select(e => e.Date));
    }

    [Fact]
    public void Unresolved_and_non_calendar_expressions_are_not_placed()
    {
        var timeline = Timeline(
            Article("a", "The bridge collapsed last July. The repairs took three months and the mayor spoke recently.", null));
        Assert.Empty(timeline);
    }

    [Fact]
    public void Compatible_dates_are_those_that_contain_one_another()
    {
        Assert.True(CalendarValue.TryParse("2024", out var year));
        Assert.True(CalendarValue.TryParse("2024-SU", out var summer));
        Assert.True(CalendarValue.TryParse("2024-07", out var july));
        Assert.True(CalendarValue.TryParse("2024-09", out var september));
        Assert.True(TimelineBuilder.Compatible(year, july));
        Assert.True(TimelineBuilder.Compatible(summer, july));
        Assert.False(TimelineBuilder.Compatible(summer, september));
        Assert.False(TimelineBuilder.Compatible(july, september));
    }
}
