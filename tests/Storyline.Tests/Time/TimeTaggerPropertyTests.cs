using NodaTime;
using Storyline.Time;
using Xunit;

namespace Storyline.Tests.Time;

/// <summary>Invariants of the tagger on generated text made of time words, numbers, punctuation and filler.</summary>
public class TimeTaggerPropertyTests
{
    private static readonly string[] Pool =
    [
        "last", "next", "this", "the", "a", "an", "two", "several", "3", "12", "2024", "1999", "March", "May", "Monday",
        "Friday", "summer", "week", "weeks", "month", "year", "years", "ago", "after", "before", "earlier", "later",
        "day", "days", "every", "each", "daily", "now", "recently", "morning", "night", "p.m.", "3:30", "quarter",
        "third", "of", "on", "in", "said", "will", "was", "meet", "the council", ",", ".", "-", "'s", "\n", "“", "”",
        "$", "%", "Jan.", "1/2", "2024-07-13", "the 1990s", "'80s", "from", "now", "Christmas",
    ];

    [Fact]
    public void Expressions_are_ordered_disjoint_spans_of_the_text_with_a_value_or_a_reason()
    {
        var random = new Random(20250323);
        for (int round = 0; round < 400; round++)
        {
            var words = Enumerable.Range(0, random.Next(1, 40)).Select(_ => Pool[random.Next(Pool.Length)]);
            var text = string.Join(random.Next(4) == 0 ? "" : " ", words);
            LocalDate? clock = random.Next(5) == 0 ? null : new LocalDate(2000 + random.Next(30), 1 + random.Next(12), 1 + random.Next(28));
            var tagged = TimeTagger.Default.Tag(text, clock);
            int previousEnd = 0;
            foreach (var t in tagged)
            {
                Assert.True(t.Span.Start >= previousEnd && t.Span.End <= text.Length && t.Span.Length > 0, $"bad span {t.Span} in '{text}'");
                Assert.Equal(t.Span.Of(text), t.Text);
                Assert.Contains(t.Type, new[] { TimexTypes.Date, TimexTypes.Time, TimexTypes.Duration, TimexTypes.Set });
                Assert.True(t.Value is not null || !string.IsNullOrEmpty(t.Unresolved), $"'{t.Text}' has neither value nor reason");
                if (clock is null && t.Value is not null && t.Type == TimexTypes.Date && !t.Rule!.StartsWith("anchored", StringComparison.Ordinal) && CalendarValue.TryParse(t.Value, out _))
                    Assert.True(t.Text.Any(char.IsDigit), $"'{t.Text}' got date {t.Value} with no clock and no digits in '{text}'");
                previousEnd = t.Span.End;
            }
        }
    }

    [Fact]
    public void Calendar_values_round_trip_through_their_timex_form()
    {
        var random = new Random(7);
        foreach (var granularity in Enum.GetValues<CalendarGranularity>())
            for (int i = 0; i < 200; i++)
            {
                var day = new LocalDate(1900, 1, 1).PlusDays(random.Next(80000));
                var value = CalendarValue.Containing(granularity, day);
                Assert.True(CalendarValue.TryParse(value.ToTimex(), out var parsed), value.ToTimex());
                Assert.Equal(value, parsed);
                // A weekend is the weekend of the day's week, which need not contain the day itself.
                if (granularity != CalendarGranularity.Weekend)
                    Assert.True(value.Start <= day && day < value.EndExclusive, $"{value} does not contain {day}");
            }
    }
}
