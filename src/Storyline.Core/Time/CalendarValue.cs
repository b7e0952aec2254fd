using System.Globalization;
using NodaTime;
using NodaTime.Calendars;

namespace Storyline.Time;

/// <summary>How precise a calendar value is: the unit of its TIMEX3 value (<c>2024</c> is a year, <c>2024-07</c> a month…).</summary>
public enum CalendarGranularity
{
    Century,
    Decade,
    Year,
    Season,
    Quarter,
    Month,
    Week,
    Weekend,
    Day,
}

/// <summary>
/// A calendar date at some granularity: a year, a season, a quarter, a month, an ISO week, a weekend or a day.
/// It formats as, and parses from, a TIMEX3 date value, shifts by whole units ("last July", "a year earlier"),
/// and covers an interval of days, so that values of different precision can be compared and ordered.
/// </summary>
public readonly record struct CalendarValue(CalendarGranularity Granularity, LocalDate Start)
{
    private static readonly IWeekYearRule Iso = WeekYearRules.Iso;
    private static readonly string[] SeasonCodes = ["SP", "SU", "FA", "WI"];
    private static readonly int[] SeasonStartMonths = [3, 6, 9, 12];

    public static CalendarValue OfDay(LocalDate day) => new(CalendarGranularity.Day, day);
    public static CalendarValue OfMonth(int year, int month) => new(CalendarGranularity.Month, new LocalDate(year, month, 1));
    public static CalendarValue OfYear(int year) => new(CalendarGranularity.Year, new LocalDate(year, 1, 1));
    public static CalendarValue OfQuarter(int year, int quarter) => new(CalendarGranularity.Quarter, new LocalDate(year, (quarter - 1) * 3 + 1, 1));
    public static CalendarValue OfDecade(int firstYear) => new(CalendarGranularity.Decade, new LocalDate(firstYear - firstYear % 10, 1, 1));
    public static CalendarValue OfCentury(int firstYear) => new(CalendarGranularity.Century, new LocalDate(firstYear - firstYear % 100, 1, 1));

    /// <summary>The season a day falls in; winter belongs to the year it starts in (January 2025 is in 2024-WI).</summary>
    public static CalendarValue SeasonOf(LocalDate day)
    {
        int index = day.Month switch { >= 3 and <= 5 => 0, >= 6 and <= 8 => 1, >= 9 and <= 11 => 2, _ => 3 };
        int year = day.Month <= 2 ? day.Year - 1 : day.Year;
        return OfSeason(year, SeasonCodes[index]);
    }

    public static CalendarValue OfSeason(int year, string code)
    {
        int index = Array.IndexOf(SeasonCodes, code);
        if (index < 0) throw new ArgumentException($"unknown season code {code}", nameof(code));
        return new(CalendarGranularity.Season, new LocalDate(year, SeasonStartMonths[index], 1));
    }

    public static CalendarValue WeekOf(LocalDate day) =>
        new(CalendarGranularity.Week, day.PlusDays(-((int)day.DayOfWeek - 1)));

    public static CalendarValue WeekendOf(LocalDate day) =>
        new(CalendarGranularity.Weekend, WeekOf(day).Start.PlusDays(5));

    /// <summary>The value of the same granularity that contains <paramref name="day"/>.</summary>
    public static CalendarValue Containing(CalendarGranularity granularity, LocalDate day) => granularity switch
    {
        CalendarGranularity.Century => OfCentury(day.Year),
        CalendarGranularity.Decade => OfDecade(day.Year),
        CalendarGranularity.Year => OfYear(day.Year),
        CalendarGranularity.Season => SeasonOf(day),
        CalendarGranularity.Quarter => OfQuarter(day.Year, (day.Month - 1) / 3 + 1),
        CalendarGranularity.Month => OfMonth(day.Year, day.Month),
        CalendarGranularity.Week => WeekOf(day),
        CalendarGranularity.Weekend => WeekendOf(day),
        _ => OfDay(day),
    };

    /// <summary>The first day after the value.</summary>
    public LocalDate EndExclusive => Granularity switch
    {
        CalendarGranularity.Century => Start.PlusYears(100),
        CalendarGranularity.Decade => Start.PlusYears(10),
        CalendarGranularity.Year => Start.PlusYears(1),
        CalendarGranularity.Season or CalendarGranularity.Quarter => Start.PlusMonths(3),
        CalendarGranularity.Month => Start.PlusMonths(1),
        CalendarGranularity.Week => Start.PlusDays(7),
        CalendarGranularity.Weekend => Start.PlusDays(2),
        _ => Start.PlusDays(1),
    };

    /// <summary>The same kind of value, <paramref name="count"/> of its own units later (negative: earlier).</summary>
    public CalendarValue Plus(int count) => Granularity switch
    {
        CalendarGranularity.Century => this with { Start = Start.PlusYears(100 * count) },
        CalendarGranularity.Decade => this with { Start = Start.PlusYears(10 * count) },
        CalendarGranularity.Year or CalendarGranularity.Season => this with { Start = Start.PlusYears(count) },
        CalendarGranularity.Quarter => this with { Start = Start.PlusMonths(3 * count) },
        CalendarGranularity.Month => this with { Start = Start.PlusMonths(count) },
        CalendarGranularity.Week or CalendarGranularity.Weekend => this with { Start = Start.PlusWeeks(count) },
        _ => this with { Start = Start.PlusDays(count) },
    };

    /// <summary>
    /// Shifts by a number of <paramref name="unit"/>s (a TIMEX3 unit code: D, W, M, Q, Y, DE, CE) keeping this value's
    /// granularity: 2024-Q3 one year earlier is 2023-Q3. Null when the unit is finer than the value (a day before 2024).
    /// </summary>
    public CalendarValue? Shift(string unit, int count)
    {
        LocalDate moved;
        switch (unit)
        {
            case "D":
                if (Granularity < CalendarGranularity.Day) return null;
                moved = Start.PlusDays(count); break;
            case "W":
            case "WE":
                if (Granularity < CalendarGranularity.Week) return null;
                moved = Start.PlusWeeks(count); break;
            case "M":
                if (Granularity < CalendarGranularity.Month) return null;
                moved = Start.PlusMonths(count); break;
            case "Q":
                if (Granularity < CalendarGranularity.Quarter) return null;
                moved = Start.PlusMonths(3 * count); break;
            case "Y":
                if (Granularity < CalendarGranularity.Year) return null;
                moved = Start.PlusYears(count); break;
            case "DE": moved = Start.PlusYears(10 * count); break;
            case "CE": moved = Start.PlusYears(100 * count); break;
            default: return null;
        }
        return Granularity is CalendarGranularity.Week or CalendarGranularity.Weekend or CalendarGranularity.Day or CalendarGranularity.Season
            ? this with { Start = moved }
            : Containing(Granularity, moved);
    }

    public bool Contains(CalendarValue other) => Start <= other.Start && other.EndExclusive <= EndExclusive;

    public string ToTimex()
    {
        var c = CultureInfo.InvariantCulture;
        return Granularity switch
        {
            CalendarGranularity.Century => (Start.Year / 100).ToString("00", c),
            CalendarGranularity.Decade => (Start.Year / 10).ToString("000", c),
            CalendarGranularity.Year => Start.Year.ToString("0000", c),
            CalendarGranularity.Season => Start.Year.ToString("0000", c) + "-" + SeasonCodes[Array.IndexOf(SeasonStartMonths, Start.Month)],
            CalendarGranularity.Quarter => $"{Start.Year:0000}-Q{(Start.Month - 1) / 3 + 1}",
            CalendarGranularity.Month => Start.ToString("yyyy-MM", c),
            CalendarGranularity.Week => $"{Iso.GetWeekYear(Start):0000}-W{Iso.GetWeekOfWeekYear(Start):00}",
            CalendarGranularity.Weekend => $"{Iso.GetWeekYear(Start):0000}-W{Iso.GetWeekOfWeekYear(Start):00}-WE",
            _ => Start.ToString("yyyy-MM-dd", c),
        };
    }

    /// <summary>An ISO 8601 rendering: the TIMEX3 value for years, months and days, an interval for the others.</summary>
    public string ToIso() => Granularity switch
    {
        CalendarGranularity.Year or CalendarGranularity.Month or CalendarGranularity.Day => ToTimex(),
        _ => $"{Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{EndExclusive.PlusDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
    };

    public override string ToString() => ToTimex();

    /// <summary>Reads a TIMEX3 date value (2024, 2024-07, 2024-07-13, 2024-SU, 2024-Q3, 2025-W12, 2025-W12-WE, 199, 19), ignoring a time part.</summary>
    public static bool TryParse(string? value, out CalendarValue result)
    {
        result = default;
        if (string.IsNullOrEmpty(value)) return false;
        int t = value.IndexOf('T');
        if (t > 0) value = value[..t];
        var parts = value.Split('-');
        if (!parts[0].All(char.IsAsciiDigit)) return false;
        int head = int.Parse(parts[0], CultureInfo.InvariantCulture);
        try
        {
            switch (parts[0].Length)
            {
                case 2 when parts.Length == 1: result = OfCentury(head * 100); return true;
                case 3 when parts.Length == 1: result = OfDecade(head * 10); return true;
                case 4: break;
                default: return false;
            }
            if (parts.Length == 1) { result = OfYear(head); return true; }
            var second = parts[1];
            if (second.Length == 2 && second.All(char.IsAsciiDigit))
            {
                int month = int.Parse(second, CultureInfo.InvariantCulture);
                if (parts.Length == 2) { result = OfMonth(head, month); return true; }
                if (parts[2].Length == 2 && parts[2].All(char.IsAsciiDigit))
                {
                    result = OfDay(new LocalDate(head, month, int.Parse(parts[2], CultureInfo.InvariantCulture)));
                    return true;
                }
                return false;
            }
            if (second.Length == 2 && second[0] == 'Q' && char.IsAsciiDigit(second[1]))
            {
                result = OfQuarter(head, second[1] - '0');
                return true;
            }
            if (Array.IndexOf(SeasonCodes, second) >= 0) { result = OfSeason(head, second); return true; }
            if (second.Length >= 2 && second[0] == 'W' && second[1..].All(char.IsAsciiDigit))
            {
                var monday = Iso.GetLocalDate(head, int.Parse(second[1..], CultureInfo.InvariantCulture), IsoDayOfWeek.Monday);
                result = parts.Length > 2 && parts[2] == "WE" ? WeekendOf(monday) : WeekOf(monday);
                return true;
            }
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
