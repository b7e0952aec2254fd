using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Storyline.Ingest.Html;

/// <summary>
/// Reads the date of a publication timestamp as its publisher wrote it: ISO 8601 (with or without time and offset),
/// RFC 822/1123 as feeds use, and written dates ("November 19, 2019", "19 Nov 2019"). The date is the calendar
/// date in the timestamp's own offset, never converted to UTC, because that is the date the publisher printed.
/// </summary>
public static partial class DateValues
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static LocalDate? Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var s = raw.Trim();
        var iso = IsoPattern().Match(s);
        if (iso.Success) return Make(iso.Groups["y"].Value, iso.Groups["m"].Value, iso.Groups["d"].Value);
        var dayFirst = DayMonthPattern().Match(s);
        if (dayFirst.Success) return Make(dayFirst.Groups["y"].Value, MonthNumber(dayFirst.Groups["mon"].Value), dayFirst.Groups["d"].Value);
        var monthFirst = MonthDayPattern().Match(s);
        if (monthFirst.Success) return Make(monthFirst.Groups["y"].Value, MonthNumber(monthFirst.Groups["mon"].Value), monthFirst.Groups["d"].Value);
        var compact = CompactPattern().Match(s);
        if (compact.Success) return Make(compact.Groups["y"].Value, compact.Groups["m"].Value, compact.Groups["d"].Value);
        return null;
    }

    private static string MonthNumber(string name)
    {
        var key = name.Length >= 3 ? name[..3].ToLowerInvariant() : name.ToLowerInvariant();
        int index = Array.IndexOf(Months, key);
        return index < 0 ? "" : (index + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static LocalDate? Make(string year, string month, string day)
    {
        if (!int.TryParse(year, CultureInfo.InvariantCulture, out var y) || !int.TryParse(month, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(day, CultureInfo.InvariantCulture, out var d)) return null;
        if (y < 1900 || y > 2200 || m is < 1 or > 12 || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(y, m)) return null;
        return new LocalDate(y, m, d);
    }

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})(?:$|[T\s])")]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?<y>\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthPattern();

    [GeneratedRegex(@"\b(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthDayPattern();

    [GeneratedRegex(@"^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})(?:$|T)")]
    private static partial Regex CompactPattern();
}
