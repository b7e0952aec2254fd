using System.Text.RegularExpressions;
using NodaTime;

namespace Storyline.Dating;

/// <summary>Month and weekday names as news writers spell them (AP abbreviations included), and full dates made of them.</summary>
public static partial class CalendarWords
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["January"] = 1, ["Jan"] = 1, ["February"] = 2, ["Feb"] = 2, ["March"] = 3, ["Mar"] = 3, ["April"] = 4, ["Apr"] = 4,
        ["May"] = 5, ["June"] = 6, ["Jun"] = 6, ["July"] = 7, ["Jul"] = 7, ["August"] = 8, ["Aug"] = 8,
        ["September"] = 9, ["Sept"] = 9, ["Sep"] = 9, ["October"] = 10, ["Oct"] = 10, ["November"] = 11, ["Nov"] = 11,
        ["December"] = 12, ["Dec"] = 12,
    };

    private static readonly Dictionary<string, IsoDayOfWeek> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Monday"] = IsoDayOfWeek.Monday, ["Tuesday"] = IsoDayOfWeek.Tuesday, ["Wednesday"] = IsoDayOfWeek.Wednesday,
        ["Thursday"] = IsoDayOfWeek.Thursday, ["Friday"] = IsoDayOfWeek.Friday, ["Saturday"] = IsoDayOfWeek.Saturday,
        ["Sunday"] = IsoDayOfWeek.Sunday,
    };

    public static IsoDayOfWeek? Weekday(string word) => Weekdays.TryGetValue(word, out var d) ? d : null;

    /// <summary>A full written date found in text, such as "Wednesday, March 19, 2025" or "Oct. 10, 2024".</summary>
    public readonly record struct WrittenDate(LocalDate Date, int Start, int End, IsoDayOfWeek? StatedWeekday);

    public static IEnumerable<WrittenDate> FullDates(string text)
    {
        foreach (Match m in FullDate().Matches(text))
        {
            if (!Months.TryGetValue(m.Groups["month"].Value.TrimEnd('.'), out int month)) continue;
            int day = int.Parse(m.Groups["day"].Value);
            int year = int.Parse(m.Groups["year"].Value);
            if (day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month)) continue;
            var date = new LocalDate(year, month, day);
            var stated = m.Groups["weekday"].Success ? Weekday(m.Groups["weekday"].Value) : null;
            if (stated is not null && stated != date.DayOfWeek) continue; // a contradiction: trust neither
            yield return new WrittenDate(date, m.Index, m.Index + m.Length, stated);
        }
    }

    /// <summary>A bare weekday used as a date ("confirmed Monday"), not part of a full date and not "last Monday".</summary>
    public static IEnumerable<(IsoDayOfWeek Day, int Start, string Word)> BareWeekdays(string text)
    {
        foreach (Match m in BareWeekday().Matches(text))
        {
            var after = text.AsSpan(m.Index + m.Length);
            if (after.TrimStart().Length > 0 && FollowedByDate().IsMatch(text[(m.Index + m.Length)..Math.Min(text.Length, m.Index + m.Length + 20)])) continue;
            yield return (Weekday(m.Value)!.Value, m.Index, m.Value);
        }
    }

    [GeneratedRegex(@"(?:(?<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)\s+(?<day>\d{1,2}),?\s+(?<year>(?:19|20)\d\d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FullDate();

    [GeneratedRegex(@"(?<!\b(?:last|next|this|every|on a|each|that|previous|following)\s)\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!'s|’s)", RegexOptions.CultureInvariant)]
    private static partial Regex BareWeekday();

    [GeneratedRegex(@"^,?\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)\s+\d", RegexOptions.CultureInvariant)]
    private static partial Regex FollowedByDate();
}
