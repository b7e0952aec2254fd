using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Storyline.Time;

/// <summary>
/// The tagging rules, one small pattern plus normaliser each, built from the word lists of <see cref="TimeLexicon"/>.
/// Patterns use placeholders (<c>{MONTH}</c>, <c>{NUM}</c>, <c>{UNIT}</c>…) filled from the lexicon. Each rule is
/// covered by a golden spec under <c>tests/Storyline.Tests/Specs/time/</c>.
/// </summary>
public static class TimeRules
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
    private const string Start = @"(?<![\w])";
    private const string End = @"(?![\w]|-\w)";

    /// <summary>Where a relative expression looks for its value, from the clock.</summary>
    private enum Direction { Last, Next, This, Past, Future, Nearest }

    public static IReadOnlyList<TimeRule> Build(TimeLexicon lex)
    {
        var fullMonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Where(n => n.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string Cased(string group, IEnumerable<string> words) => $"(?-i:(?<{group}>{TimeLexicon.Alternation(words)[3..^1]}))";
        var placeholders = new Dictionary<string, string>
        {
            ["MONTH"] = Cased("month", lex.Months.Keys),
            ["MONTHNAME"] = Cased("month", lex.Months.Keys.Where(fullMonthNames.Contains)),
            ["WEEKDAY"] = Cased("weekday", lex.Weekdays.Keys),
            ["WEEKDAYS"] = Cased("weekday", lex.Weekdays.Keys.Where(k => !k.EndsWith('.')).Select(k => k + "s")),
            ["NUM"] = $"(?<num>\\d{{1,3}}(?:,\\d{{3}})*|{CompoundNumbers(lex)}|{TimeLexicon.Alternation(lex.Numbers.Keys)})",
            ["ORD"] = $"(?<ord>{TimeLexicon.Alternation(lex.Ordinals.Keys)})",
            ["UNIT"] = $"(?<unit>{TimeLexicon.Alternation(lex.Units.Keys)})",
            ["UNITDATE"] = $"(?<unit>{TimeLexicon.Alternation(lex.UnitWords("D", "W", "M", "Q", "Y", "DE", "CE", "WE"))})",
            ["UNIT1"] = $"(?<unit>{TimeLexicon.Alternation(lex.Units.Keys.Where(k => !k.EndsWith('s')))})",
            ["UNITS"] = $"(?<unit>{TimeLexicon.Alternation(lex.Units.Keys.Where(k => k.EndsWith('s')))})",
            ["SEASON"] = $"(?<season>{TimeLexicon.Alternation(lex.Seasons.Keys)})",
            ["PART"] = $"(?<part>{TimeLexicon.Alternation(lex.PartsOfDay.Keys)})",
            ["HOLIDAY"] = Cased("holiday", lex.Holidays.Keys),
            ["REF"] = $"(?<ref>{TimeLexicon.Alternation(lex.References.Keys)})",
            ["SETWORD"] = $"(?<set>{TimeLexicon.Alternation(lex.Sets.Keys)})",
            ["YEAR"] = @"(?<![\w$.,/'’-])(?<year>1[6-9]\d\d|20\d\d)(?![\w%]|[.,]\d|-\d|\s*(?:percent|per\s+cent))",
            ["DAY"] = @"(?<day>[0-3]?\d)(?:st|nd|rd|th)?",
            ["YEARWORDS"] = $"(?:(?<century>nineteen)[- ](?:hundred[- ](?:and[- ])?)?(?<rest>{SpelledTwoDigits(lex)})|(?<century>two[- ]thousand)(?:[- ](?:and[- ])?(?<rest>{SpelledTwoDigits(lex)}))?)",
            // Hedges that TimeML keeps inside an amount's extent ("nearly two months"); "about", "over" and "within"
            // are mostly left outside, as prepositions.
            ["MOD"] = @"(?:(?:nearly|almost|around|at\s+least|at\s+most|more\s+than|less\s+than|up\s+to)\s+)?",
        };
        Regex P(string pattern)
        {
            foreach (var (key, value) in placeholders.OrderByDescending(kv => kv.Key.Length)) pattern = pattern.Replace("{" + key + "}", value);
            return new Regex(Start + pattern + End, Options);
        }

        var rules = new List<TimeRule>();
        // Rules that open with a number word can start at any word, which makes them the slowest to scan; they all
        // need a unit word, so they only look near one.
        var unitTrigger = new Regex(@"(?<![\w])" + TimeLexicon.Alternation(lex.Units.Keys) + @"(?!\w)", Options);
        void Add(string name, string pattern, Func<Match, TimeContext, Normalized> normalize, Func<Match, string, bool>? accept = null, bool anchored = false, bool nearUnit = false) =>
            rules.Add(new TimeRule(name, P(pattern), normalize)
            {
                // Holidays are names by nature ("Election Day"); every other expression written as a name is one.
                Accept = name.StartsWith("holiday", StringComparison.Ordinal) ? accept : (m, text) => !InsideName(lex, m, text) && (accept is null || accept(m, text)),
                Anchored = anchored,
                Trigger = nearUnit ? unitTrigger : null,
            });

        // ---- absolute calendar dates -------------------------------------------------------------------------
        Add("date-iso", @"(?<year>\d{4})-(?<m>\d{2})-(?<day>\d{2})",
            (m, _) => Day(Int(m, "year"), Int(m, "m"), Int(m, "day")));
        Add("date-numeric", @"(?<![\d/.])(?<m>1[0-2]|0?[1-9])/(?<day>[0-3]?\d)/(?<y>\d{4}|\d{2})(?![/\d])",
            (m, c) => Day(FullYear(m.Groups["y"].Value, c.Clock), Int(m, "m"), Int(m, "day")));
        Add("date-month-day-year", @"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY},?\s+(?<year>\d{4})(?!\d)",
            (m, _) => Day(Int(m, "year"), lex.Months[m.Groups["month"].Value], Int(m, "day")));
        Add("date-day-month-year", @"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH},?\s+(?<year>\d{4})(?!\d)",
            (m, _) => Day(Int(m, "year"), lex.Months[m.Groups["month"].Value], Int(m, "day")));
        Add("date-month-year", @"(?:(?<edge>early|mid|late)[- ]\s*)?{MONTH}(?:\s+of)?,?\s+(?<year>\d{4})(?!\d)",
            (m, _) => Normalized.Date(CalendarValue.OfMonth(Int(m, "year"), lex.Months[m.Groups["month"].Value])));
        Add("date-year", @"(?:(?<edge>early|mid|late)[- ]\s*)?(?:fiscal(?:\s+year)?\s+)?{YEAR}",
            (m, _) => Normalized.Date(CalendarValue.OfYear(Int(m, "year"))),
            accept: (m, text) => !FollowedByDigitGroup(text, m.Index + m.Length));
        Add("date-decade", @"(?:the\s+)?(?:(?<edge>early|mid|late)[- ]\s*)?(?<decade>1[6-9]\d0|20\d0)['’]?s",
            (m, _) => Normalized.Date(CalendarValue.OfDecade(Int(m, "decade"))));
        Add("date-decade-short", @"(?:the\s+)?(?:(?<edge>early|mid|late)[- ]\s*)?['’](?<d>[0-9])0s",
            (m, c) => Normalized.Date(CalendarValue.OfDecade((m.Groups["d"].Value[0] - '0') * 10 + (c.Clock is { } clock && clock.Year >= 2000 && m.Groups["d"].Value[0] - '0' <= (clock.Year % 100) / 10 ? 2000 : 1900))));
        Add("date-century", @"(?:the\s+)?(?<n>\d{1,2})(?:st|nd|rd|th)\s+century",
            (m, _) => Normalized.Date(CalendarValue.OfCentury((Int(m, "n") - 1) * 100)));
        Add("date-quarter-year", @"(?:the\s+)?{ORD}[- ](?:fiscal[- ])?quarter(?:\s+of)?,?\s+(?:fiscal\s+)?(?<year>\d{4})(?!\d)",
            (m, _) => Normalized.Date(CalendarValue.OfQuarter(Int(m, "year"), lex.Ordinals[m.Groups["ord"].Value])),
            accept: (m, _) => lex.Ordinals[m.Groups["ord"].Value] <= 4);
        Add("date-year-quarter", @"(?:the\s+)?(?:(?<year>\d{4})|(?<rel>this|last|next)\s+year['’]s)\s+(?:fiscal\s+)?{ORD}[- ](?:fiscal[- ])?quarter",
            (m, c) =>
            {
                int quarter = lex.Ordinals[m.Groups["ord"].Value];
                if (m.Groups["year"].Success) return Normalized.Date(CalendarValue.OfQuarter(Int(m, "year"), quarter));
                int offset = m.Groups["rel"].Value.ToLowerInvariant() switch { "last" => -1, "next" => 1, _ => 0 };
                return Relative(c, TimexTypes.Date, clock => Normalized.Date(CalendarValue.OfQuarter(clock.Year + offset, quarter)));
            },
            accept: (m, _) => lex.Ordinals[m.Groups["ord"].Value] <= 4);
        // Transcripts spell years out: "nineteen ninety-six", "January nineteen ninety-seven", "the year two thousand".
        Add("date-year-words", @"(?:(?:(?:the\s+)?{SEASON}\s+of|{MONTHNAME}(?:\s+of)?)\s+|the\s+year\s+)?{YEARWORDS}",
            (m, _) =>
            {
                int year = SpelledYear(lex, m.Groups["century"].Value, m.Groups["rest"].Value);
                if (m.Groups["season"].Success) return Normalized.Date(CalendarValue.OfSeason(year, lex.Seasons[m.Groups["season"].Value]));
                if (m.Groups["month"].Success) return Normalized.Date(CalendarValue.OfMonth(year, lex.Months[m.Groups["month"].Value]));
                return Normalized.Date(CalendarValue.OfYear(year));
            },
            // "two thousand" alone is mostly an amount; it is a year after "the year" or a month.
            accept: (m, _) => !m.Groups["century"].Value.StartsWith("two", StringComparison.OrdinalIgnoreCase) || m.Groups["rest"].Success
                || m.Value.StartsWith("the year", StringComparison.OrdinalIgnoreCase) || m.Groups["month"].Success || m.Groups["season"].Success);
        Add("holiday-year", @"{HOLIDAY}(?:\s+of)?,?\s+(?<year>\d{4})(?!\d)",
            (m, _) => Holiday(lex, m.Groups["holiday"].Value, Int(m, "year")) is { } d ? Normalized.Date(CalendarValue.OfDay(d)) : Normalized.Missing(TimexTypes.Date, "unknown holiday"));

        // ---- calendar names placed by the clock and the tense ----------------------------------------------
        Add("date-month-day", @"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?!\d|:\d|\s*(?:a\.m|p\.m|am\b|pm\b))",
            (m, c) => Placed(c, TimexTypes.Date, clock => DayOptions(clock, lex.Months[m.Groups["month"].Value], Int(m, "day")), DirectionFromTense(c)),
            accept: (m, _) => Int(m, "day") is >= 1 and <= 31);
        Add("date-day-of-month", @"(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}",
            (m, c) => Placed(c, TimexTypes.Date, clock => DayOptions(clock, lex.Months[m.Groups["month"].Value], Int(m, "day")), DirectionFromTense(c)),
            accept: (m, _) => Int(m, "day") is >= 1 and <= 31);
        // "February this year", "April next year": the year phrase says which one.
        Add("date-month", @"(?:(?<rel>last|next|this|past|coming|early|mid|late)[- ]\s*)?{MONTHNAME}(?:\s+(?:of\s+)?(?<yrel>this|last|next)\s+year(?!['’]))?(?!\s*\d)",
            (m, c) => m.Groups["yrel"].Success
                ? Relative(c, TimexTypes.Date, clock => Normalized.Date(CalendarValue.OfMonth(clock.Year + YearOffset(m.Groups["yrel"].Value), lex.Months[m.Groups["month"].Value])))
                : Placed(c, TimexTypes.Date, clock => Enumerable.Range(-2, 5).Select(k => CalendarValue.OfMonth(clock.Year + k, lex.Months[m.Groups["month"].Value])), DirectionOf(m, c)),
            accept: (m, text) => m.Groups["rel"].Success || PrecededByPreposition(text, m.Index)
                || (m.Groups["month"].Value != "May" && !(m.Groups["month"].Value == "March" && NounFollows(text, m.Index + m.Length))));
        Add("weekday", @"(?:(?<rel>last|next|this|coming|past)\s+)?{WEEKDAY}(?:\s+{PART})?",
            (m, c) => Placed(c, m.Groups["part"].Success ? TimexTypes.Time : TimexTypes.Date,
                clock => Enumerable.Range(-14, 29).Select(k => clock.PlusDays(k)).Where(d => (int)d.DayOfWeek == lex.Weekdays[m.Groups["weekday"].Value]).Select(CalendarValue.OfDay),
                !m.Groups["rel"].Success && Possessive(c) ? Direction.Nearest : DirectionOf(m, c), Suffix(lex, m), WeekdayLeeway));
        Add("season", @"(?:(?<rel>last|next|this|past|coming|early|mid|late)[- ]\s*)?(?:(?<the>the)\s+)?{SEASON}(?:\s+of)?(?:,?\s+(?<year>\d{4})(?!\d))?",
            (m, c) => m.Groups["year"].Success
                ? Normalized.Date(CalendarValue.OfSeason(Int(m, "year"), lex.Seasons[m.Groups["season"].Value]))
                : Placed(c, TimexTypes.Date, clock => Enumerable.Range(-2, 5).Select(k => CalendarValue.OfSeason(clock.Year + k, lex.Seasons[m.Groups["season"].Value])), DirectionOf(m, c)),
            accept: (m, _) => m.Groups["rel"].Success || m.Groups["year"].Success
                || (m.Groups["the"].Success && !m.Groups["season"].Value.Equals("fall", StringComparison.OrdinalIgnoreCase)));
        Add("holiday", @"(?:(?<rel>last|next|this|past|coming)\s+)?{HOLIDAY}",
            (m, c) => Placed(c, TimexTypes.Date,
                clock => Enumerable.Range(-1, 3).Select(k => Holiday(lex, m.Groups["holiday"].Value, clock.Year + k)).OfType<LocalDate>().Select(CalendarValue.OfDay),
                DirectionOf(m, c)));
        // "the year-ago third quarter" is the third quarter a year before the one the report is about.
        Add("quarter", @"(?:the\s+)?(?:(?<ago>year-ago|year-earlier|prior-year)\s+)?(?:(?<rel>last|next|this|past|coming)\s+)?{ORD}[- ](?:fiscal[- ])?quarter",
            (m, c) =>
            {
                var placed = Placed(c, TimexTypes.Date, clock => Enumerable.Range(-2, 5).Select(k => CalendarValue.OfQuarter(clock.Year + k, lex.Ordinals[m.Groups["ord"].Value])), DirectionOf(m, c));
                return m.Groups["ago"].Success && CalendarValue.TryParse(placed.Value, out var quarter) ? Normalized.Date(quarter.Plus(-4)) : placed;
            },
            accept: (m, _) => lex.Ordinals[m.Groups["ord"].Value] <= 4);
        // "the quarter", "the latest period": in an earnings report, the last full quarter before the report.
        Add("the-quarter", @"the\s+(?:(?:latest|most\s+recent|recent)\s+(?:quarter|period)|quarter)",
            (m, c) => Relative(c, TimexTypes.Date, clock => Normalized.Date(CalendarValue.Containing(CalendarGranularity.Quarter, clock).Plus(-1))));
        // "by year-end", "around year's end", "by the end of the year": the end of the clock's year, or of the year
        // before when the clause looks back from it ("up 4% since year-end").
        Add("year-end", @"(?:the\s+)?(?:year[- ]end|year['’]s\s+end)(?![a-z])|the\s+end\s+of\s+the\s+year",
            (m, c) => Relative(c, TimexTypes.Date, clock => Normalized.Date(CalendarValue.OfYear(SinceBefore(c) ? clock.Year - 1 : clock.Year))));
        // Financial reports compare the quarter just reported with the same quarter a year before.
        Add("year-ago-quarter", @"the\s+(?:comparable\s+|same\s+)?(?:year-ago|year-earlier|prior-year|year-before)\s+(?:quarter|period)"
                + @"|the\s+(?:corresponding|comparable|same)\s+(?:quarter|period)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier))|last\s+year['’]s\s+(?:quarter|period)",
            (m, c) => Relative(c, TimexTypes.Date, clock => Normalized.Date((c.ReportedQuarter ?? CalendarValue.Containing(CalendarGranularity.Quarter, clock).Plus(-1)).Plus(-4))));
        // "the 1988 period", "the 1989 quarter": in an earnings report, the reported quarter in that year.
        Add("year-period", @"the\s+(?<year>1[6-9]\d\d|20\d\d)\s+(?:quarter|period)",
            (m, c) =>
            {
                var reported = c.ReportedQuarter ?? (c.Clock is { } clock ? CalendarValue.Containing(CalendarGranularity.Quarter, clock).Plus(-1) : (CalendarValue?)null);
                return reported is { } q ? Normalized.Date(CalendarValue.OfQuarter(Int(m, "year"), (q.Start.Month - 1) / 3 + 1)) : Normalized.Missing(TimexTypes.Date, TimeContext.NoClock);
            });
        Add("the-weekend", @"the\s+weekend",
            (m, c) => Relative(c, TimexTypes.Date, clock =>
            {
                var thisWeekend = CalendarValue.WeekendOf(clock);
                bool onWeekend = clock.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
                return Normalized.Date(c.Tense == Tense.Past && !onWeekend ? thisWeekend.Plus(-1) : thisWeekend);
            }));

        // ---- units relative to the clock: last week, earlier this month, next year -----------------------------
        Add("relative-unit", @"(?:(?<edge>earlier|later|early|late)\s+)?(?<rel>last|this|next|past|coming|previous|current)\s+{UNIT1}",
            (m, c) =>
            {
                var unit = lex.Units[m.Groups["unit"].Value];
                if (!TryGranularity(unit, out var granularity)) return Normalized.Missing(TimexTypes.Date, "no calendar unit");
                int offset = m.Groups["rel"].Value.ToLowerInvariant() switch { "last" or "past" or "previous" => -1, "next" or "coming" => 1, _ => 0 };
                return Relative(c, TimexTypes.Date, clock => Normalized.Date(CalendarValue.Containing(granularity, clock).Plus(offset)));
            },
            accept: (m, _) => lex.Units[m.Groups["unit"].Value] is not ("H" or "MIN" or "S"));
        Add("deictic-day", @"(?:the\s+day\s+(?<far>before\s+yesterday|after\s+tomorrow)|(?<word>today|yesterday|tomorrow|tonight))(?:\s+{PART})?",
            (m, c) =>
            {
                var word = m.Groups["far"].Success ? m.Groups["far"].Value.ToLowerInvariant() : m.Groups["word"].Value.ToLowerInvariant();
                int offset = word.StartsWith("before", StringComparison.Ordinal) ? -2 : word.StartsWith("after", StringComparison.Ordinal) ? 2
                    : word switch { "yesterday" => -1, "tomorrow" => 1, _ => 0 };
                string? part = m.Groups["part"].Success ? lex.PartsOfDay[m.Groups["part"].Value] : word == "tonight" ? "NI" : null;
                return Relative(c, part is null ? TimexTypes.Date : TimexTypes.Time,
                    clock => Normalized.Of(part is null ? TimexTypes.Date : TimexTypes.Time, CalendarValue.OfDay(clock.PlusDays(offset)).ToTimex() + (part is null ? "" : "T" + part)));
            });
        Add("part-of-day", @"(?<rel>this|last)\s+{PART}",
            (m, c) => Relative(c, TimexTypes.Time, clock =>
            {
                var part = lex.PartsOfDay[m.Groups["part"].Value];
                // "last night" is the night before; "last morning" is not said, so "last" moves only the night.
                int offset = m.Groups["rel"].Value.Equals("last", StringComparison.OrdinalIgnoreCase) ? -1 : 0;
                return Normalized.Of(TimexTypes.Time, CalendarValue.OfDay(clock.PlusDays(offset)).ToTimex() + "T" + part);
            }),
            accept: (m, _) => !m.Groups["rel"].Value.Equals("last", StringComparison.OrdinalIgnoreCase) || lex.PartsOfDay[m.Groups["part"].Value] == "NI");
        Add("ago", @"{MOD}{NUM}\s+{UNIT}\s+ago",
            (m, c) => Offset(lex, m, c, -1), nearUnit: true);
        Add("from-now", @"{MOD}{NUM}\s+{UNIT}\s+from\s+now",
            (m, c) => Offset(lex, m, c, +1), nearUnit: true);
        Add("clock-time", @"(?:(?<h>[01]?\d)(?::(?<min>[0-5]\d))?\s*(?<ampm>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)(?!\w)(?:\s+(?<tz>[ECMP][SD]T|GMT|UTC))?|(?<word>noon|midday|midnight))"
                // "9:20 a.m. (0620 GMT) Tuesday": the day after a parenthesis dates the time but stays outside its extent.
                + @"(?:,?\s+(?:on\s+)?(?:{WEEKDAY}|{MONTH}\s+{DAY}|(?<deictic>today|yesterday|tomorrow))|(?=\s*\([^()\n]{1,20}\),?\s+(?:on\s+)?{WEEKDAY}))?",
            (m, c) =>
            {
                int hour = m.Groups["word"].Success
                    ? (m.Groups["word"].Value.Equals("midnight", StringComparison.OrdinalIgnoreCase) ? 24 : 12)
                    : Int(m, "h") % 12 + (char.ToLowerInvariant(m.Groups["ampm"].Value[0]) == 'p' ? 12 : 0);
                int minute = m.Groups["min"].Success ? Int(m, "min") : 0;
                var time = $"T{hour:00}:{minute:00}";
                Normalized day;
                if (m.Groups["weekday"].Success)
                    day = Placed(c, TimexTypes.Date, clock => Enumerable.Range(-14, 29).Select(k => clock.PlusDays(k)).Where(d => (int)d.DayOfWeek == lex.Weekdays[m.Groups["weekday"].Value]).Select(CalendarValue.OfDay),
                        DirectionFromTense(c), leeway: WeekdayLeeway);
                else if (m.Groups["month"].Success)
                    day = Placed(c, TimexTypes.Date, clock => DayOptions(clock, lex.Months[m.Groups["month"].Value], Int(m, "day")), DirectionFromTense(c));
                else
                {
                    int offset = m.Groups["deictic"].Value.ToLowerInvariant() switch { "yesterday" => -1, "tomorrow" => 1, _ => 0 };
                    day = Relative(c, TimexTypes.Date, clock => Normalized.Date(CalendarValue.OfDay(clock.PlusDays(offset))));
                }
                return day.Value is null ? Normalized.Missing(TimexTypes.Time, day.Unresolved ?? TimeContext.NoClock) : Normalized.Of(TimexTypes.Time, day.Value + time);
            },
            accept: (m, _) => m.Groups["word"].Success || Int(m, "h") is >= 1 and <= 12);

        // ---- anchored to another date of the sentence: "a day after", "a year earlier" ------------------------
        // "a day after the vote" dated by the sentence ("Talks resumed Monday, a day after …") is a date. With no date in
        // the sentence, "three days later" is only the amount: a duration, and "later" a signal outside the extent.
        Add("anchored", @"{MOD}{NUM}\s+{UNITDATE}\s+(?<dir>after|before|later)(?=(?<next>\s*\w)?)",
            (m, c) => Anchored(lex, c, m, m.Groups["next"].Success), anchored: true, nearUnit: true);
        // "earlier", like "ago", is part of the extent and names a date.
        Add("anchored-earlier", @"{MOD}{NUM}\s+{UNITDATE}\s+earlier",
            (m, c) => Earlier(lex, c, m.Groups["num"].Value, m.Groups["unit"].Value), anchored: true, nearUnit: true);
        Add("anchored-adjective", @"(?<unit>day|week|month|quarter|year)[- ](?:earlier|ago)",
            (m, c) => Earlier(lex, c, "1", m.Groups["unit"].Value), anchored: true);
        // "later that year", "that same day": the date the sentence, or else the text before it, last gave, at the unit's precision.
        Add("anchored-that", @"(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?(?<unit>day|week|month|quarter|year)",
            (m, c) => c.AnchorOrPrevious is { } anchor && TryGranularity(lex.Units[m.Groups["unit"].Value], out var g) && anchor.Granularity >= g
                ? Normalized.Date(CalendarValue.Containing(g, anchor.Start))
                : Normalized.Missing(TimexTypes.Date, TimeContext.NoAnchor), anchored: true);
        // "the following year", "the next morning": one unit after that date; with none, "the following year" is a span of a year.
        Add("anchored-following", @"the\s+(?:following\s+(?<unit>day|week|month|year)|next\s+(?<unit>day|morning))",
            (m, c) =>
            {
                var unit = m.Groups["unit"].Value.Equals("morning", StringComparison.OrdinalIgnoreCase) ? "D" : lex.Units[m.Groups["unit"].Value];
                if (c.AnchorOrPrevious is { } anchor && TryGranularity(unit, out var g) && anchor.Granularity >= g)
                    return Normalized.Date(CalendarValue.Containing(g, anchor.Start).Plus(1));
                return unit == "D" ? Normalized.Missing(TimexTypes.Date, TimeContext.NoAnchor) : Duration(lex, "1", m.Groups["unit"].Value);
            }, anchored: true);
        // "on April 24 and 25": the second day of a range shares the first one's month and year.
        Add("date-second-day", @"(?<={MONTH}\s+[0-3]?\d(?:st|nd|rd|th)?\s*(?:and|or|to|through|-|–)\s*){DAY}(?![\d%]|\s*(?:percent|cents?|million|billion|thousand|hundred|points?|years?|months?|weeks?|days?|hours?|people|times)\b)",
            (m, c) => c.Anchor is { Granularity: CalendarGranularity.Day } first && m.Groups["month"].Success && lex.Months[m.Groups["month"].Value] == first.Start.Month
                ? Day(first.Start.Year, first.Start.Month, Int(m, "day"))
                : Normalized.Missing(TimexTypes.Date, TimeContext.NoAnchor),
            accept: (m, _) => Int(m, "day") is >= 1 and <= 31, anchored: true);
        // "the day after the vote" is the day the sentence dates ("Talks resumed Monday, the day after the vote"); with
        // nothing after it ("the day after, talks collapsed") it is the next day.
        Add("anchored-the", @"(?<!\bin\s+)the\s+(?<unit>day|week|month|year)(?=\s+(?<dir>after|before)\b(?:\s*(?<next>\w))?)",
            (m, c) => TheUnitAfter(lex, c, m.Groups["unit"].Value, m.Groups["dir"].Value, m.Groups["next"].Success), anchored: true);

        // ---- durations ---------------------------------------------------------------------------------------
        Add("duration", @"{MOD}(?:(?:the|a|an)\s+)?(?:(?<rel>past|last|next|coming|previous|first|final|latest|following|initial|remaining|entire|full|whole)\s+)?{NUM}(?<half>\s+1/2|½)?\s+(?:more\s+)?{UNIT}(?<half>\s+and\s+a\s+half)?(?!\s+old\b|-old)",
            (m, _) => Duration(lex, m.Groups["num"].Value, m.Groups["unit"].Value, m.Groups["half"].Success),
            accept: (m, text) => !(lex.Units[m.Groups["unit"].Value] == "S" && lex.NumberOf(m.Groups["num"].Value) == 1), nearUnit: true);
        // TimeML annotates "over the past year", "for the full year" as the calendar unit, like "last year" and
        // "this year"; only a number makes a duration ("the past two years").
        Add("the-unit", @"the\s+(?<rel>past|last|next|coming|previous|following|entire|whole|full)\s+{UNIT1}",
            (m, c) =>
            {
                var unitWord = m.Groups["unit"].Value;
                if (!TryGranularity(lex.Units[unitWord], out var granularity)) return Duration(lex, "1", unitWord);
                int offset = m.Groups["rel"].Value.ToLowerInvariant() switch { "past" or "last" or "previous" => -1, "next" or "coming" or "following" => 1, _ => 0 };
                return Relative(c, TimexTypes.Date, clock => Normalized.Date(CalendarValue.Containing(granularity, clock).Plus(offset)));
            });
        Add("duration-plural", @"(?:the\s+)?(?<rel>coming|past|next|last)\s+{UNITS}",
            (m, _) => Duration(lex, "several", m.Groups["unit"].Value));
        Add("duration-adjective", @"(?<num>\d+|[a-z]+(?:-[a-z]+)?)-{UNIT1}(?!-)",
            (m, _) => Duration(lex, m.Groups["num"].Value, m.Groups["unit"].Value),
            accept: (m, _) => lex.NumberOf(m.Groups["num"].Value) is not null, nearUnit: true);
        Add("duration-recent", @"recent\s+{UNITS}",
            (m, _) => Duration(lex, "several", m.Groups["unit"].Value),
            accept: (m, _) => lex.Units[m.Groups["unit"].Value] != "Y");
        // Accounts are given "for the year ended June 30": the twelve months, not the calendar year.
        Add("duration-year-ended", @"the\s+(?:fiscal\s+)?year(?=\s+end(?:ed|ing)\b)",
            (m, _) => Normalized.Of(TimexTypes.Duration, "P1Y"));
        // "the years that followed", "the weeks ahead": an unspecified stretch of time. ("the weeks before the vote" is
        // left alone: it names a vague date, not a duration.)
        Add("duration-the-plural", @"(?<=\bthe\s+){UNITS}(?=\s+(?:that\s+followed|ahead|to\s+come)\b)",
            (m, _) => Duration(lex, "several", m.Groups["unit"].Value));
        Add("duration-long", @"{UNIT}-long",
            (m, _) => Duration(lex, m.Groups["unit"].Value.EndsWith('s') ? "several" : "1", m.Groups["unit"].Value));
        Add("duration-bare", @"(?<=\b(?:for|over|within|in|took|takes|take|lasted|lasting|spent)\s+){UNITS}",
            (m, _) => Duration(lex, "several", m.Groups["unit"].Value));

        // ---- sets --------------------------------------------------------------------------------------------
        Add("set-every-weekday", @"(?:every|each)\s+{WEEKDAY}",
            (m, _) => Normalized.Of(TimexTypes.Set, "XXXX-WXX-" + lex.Weekdays[m.Groups["weekday"].Value]));
        Add("set-every-month", @"(?:every|each)\s+{MONTHNAME}",
            (m, _) => Normalized.Of(TimexTypes.Set, $"XXXX-{lex.Months[m.Groups["month"].Value]:00}"));
        Add("set-weekdays", @"{WEEKDAYS}",
            (m, _) => Normalized.Of(TimexTypes.Set, "XXXX-WXX-" + lex.Weekdays[m.Groups["weekday"].Value[..^1]]));
        Add("set-every-unit", @"(?:every|each|per)\s+(?:(?:other\s+)|(?:{NUM}\s+))?(?:{UNIT}|{PART})",
            (m, _) =>
            {
                if (m.Groups["part"].Success) return Normalized.Of(TimexTypes.Set, "XXXX-XX-XXT" + lex.PartsOfDay[m.Groups["part"].Value]);
                int n = m.Value.Contains("other", StringComparison.OrdinalIgnoreCase) ? 2 : m.Groups["num"].Success ? lex.NumberOf(m.Groups["num"].Value) ?? 1 : 1;
                var d = Duration(lex, n.ToString(CultureInfo.InvariantCulture), m.Groups["unit"].Value);
                return Normalized.Of(TimexTypes.Set, d.Value!);
            });
        Add("set-frequency", @"(?:once|twice|{NUM}\s+times)\s+(?:a|an|per|each|every)\s+{UNIT1}",
            (m, _) => Normalized.Of(TimexTypes.Set, Duration(lex, "1", m.Groups["unit"].Value).Value!), nearUnit: true);
        // "the party daily Granma": before a name, "daily" is a newspaper.
        Add("set-adverb", @"{SETWORD}",
            (m, _) => Normalized.Of(TimexTypes.Set, lex.Sets[m.Groups["set"].Value]),
            accept: (m, text) => !CapitalisedWordFollows(lex, text, m.Index + m.Length));

        // ---- references to the present, past and future -----------------------------------------------------
        Add("reference", @"{REF}",
            (m, _) => Normalized.Of(TimexTypes.Date, lex.References[m.Groups["ref"].Value]));
        return rules;
    }

    // ---- normalisers ------------------------------------------------------------------------------------------

    private static Normalized Relative(TimeContext c, string type, Func<LocalDate, Normalized> resolve) =>
        c.Clock is { } clock ? resolve(clock) : Normalized.Missing(type, TimeContext.NoClock);

    private static Normalized Placed(TimeContext c, string type, Func<LocalDate, IEnumerable<CalendarValue>> options, Direction direction, string suffix = "", int leeway = DateLeeway) =>
        Relative(c, type, clock => Pick(options(clock), clock, direction, leeway) is { } v
            ? Normalized.Of(type, v.ToTimex() + suffix)
            : Normalized.Missing(type, "no such date near the publication date"));

    /// <summary>
    /// "Wednesday's ruling", "Thursday's summit": a possessive weekday names an event the reader knows of, which the
    /// verb of the sentence does not place ("will look for ways around Wednesday's ruling"); the nearest such day is
    /// the best reading.
    /// </summary>
    private static bool Possessive(TimeContext c) =>
        c.Expression.End + 1 < c.Text.Length && c.Text[c.Expression.End] is '\'' or '’' && c.Text[c.Expression.End + 1] == 's'
        && (c.Expression.End + 2 == c.Text.Length || !char.IsLetter(c.Text[c.Expression.End + 2]));

    private static string Suffix(TimeLexicon lex, Match m) => m.Groups["part"].Success ? "T" + lex.PartsOfDay[m.Groups["part"].Value] : "";

    private static Direction DirectionFromTense(TimeContext c) => DeadlineBefore(c) ? Direction.Future : SinceBefore(c) ? Direction.Past : c.Tense switch
    {
        Tense.Past => Direction.Past,
        Tense.Future => Direction.Future,
        _ => Direction.Nearest,
    };

    private static readonly Regex Deadline = new(@"\b(?:(?<until>until|till)|through|effective|payable|(?<by>by))\s+(?:(?:at|on)\s+)?$", Options);
    private static readonly Regex PastPerfect = new(@"\bhad\s+(?:not\s+|never\s+|n't\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|ne)\b", Options);
    private static readonly Regex Since = new(@"\bsince\s+(?:(?:early|mid|late)[- ]\s*)?$", Options);

    /// <summary>"on patrol since March": "since" looks back, whatever the tense of the clause.</summary>
    private static bool SinceBefore(TimeContext c)
    {
        var before = c.Before;
        return before.Length > 0 && Since.IsMatch(before[Math.Max(0, before.Length - 20)..]);
    }

    /// <summary>
    /// "extended the offer until Tuesday", "payable Jan. 2": a deadline or a date something takes effect lies ahead
    /// of the report even when the verb is past ("postponed until Tuesday").
    /// </summary>
    private static bool DeadlineBefore(TimeContext c)
    {
        var before = c.Before;
        if (before.Length == 0) return false;
        var m = Deadline.Match(before[Math.Max(0, before.Length - 30)..].ToString());
        // "by August" is a deadline ahead, unless the clause looks back ("had filed reports by Wednesday"); so is
        // "until" in a past perfect clause ("Until Thursday, police had not named him").
        return m.Success && (!m.Groups["by"].Success || c.Tense != Tense.Past) && !(m.Groups["until"].Success && PastPerfect.IsMatch(c.Text.AsSpan(c.Sentence.Start, c.Sentence.Length)));
    }

    private static Direction DirectionOf(Match m, TimeContext c) => m.Groups["rel"].Success
        ? m.Groups["rel"].Value.ToLowerInvariant() switch
        {
            "last" or "past" => Direction.Last,
            "next" or "coming" => Direction.Next,
            "this" => Direction.This,
            _ => DirectionFromTense(c),
        }
        : DirectionFromTense(c);

    /// <summary>
    /// Picks among the candidate values of a calendar name ("July", "Monday", "summer"): the last one before the
    /// clock's own unit, the next one after it, the one in the clock's year (week for days), the latest not after
    /// the clock (past tense), the first not before it (future tense), or the nearest.
    /// </summary>
    private static CalendarValue? Pick(IEnumerable<CalendarValue> options, LocalDate clock, Direction direction, int leeway)
    {
        var list = options.OrderBy(o => o.Start).ToList();
        if (list.Count == 0) return null;
        var current = CalendarValue.Containing(list[0].Granularity, clock);
        return direction switch
        {
            Direction.Last => list.Where(o => o.EndExclusive <= current.Start).Select(o => (CalendarValue?)o).LastOrDefault(),
            Direction.Next => list.Where(o => o.Start >= current.EndExclusive).Select(o => (CalendarValue?)o).FirstOrDefault(),
            Direction.This => list[0].Granularity == CalendarGranularity.Day
                ? list.Where(o => CalendarValue.WeekOf(o.Start) == CalendarValue.WeekOf(clock)).Select(o => (CalendarValue?)o).FirstOrDefault()
                : list.Where(o => o.Start.Year == clock.Year).Select(o => (CalendarValue?)o).FirstOrDefault(),
            Direction.Past => list.Where(o => o.Start <= clock.PlusDays(leeway)).Select(o => (CalendarValue?)o).LastOrDefault(),
            Direction.Future => list.Where(o => o.EndExclusive > clock.PlusDays(-leeway)).Select(o => (CalendarValue?)o).FirstOrDefault(),
            _ when leeway == WeekdayLeeway => list.OrderBy(o => DistanceInDays(o, clock)).ThenBy(o => o.Start).First(),
            // A month or date with no tense to go by: news reports mostly look back, so the one in the clock's
            // year, unless that lies more than half a year ahead, then the one before.
            _ => list.Where(o => o.Start <= clock.PlusMonths(6)).Select(o => (CalendarValue?)o)
                     .LastOrDefault(o => o!.Value.Start.Year <= clock.Year) ?? list.First(),
        };
    }

    /// <summary>
    /// How far the tense may be overruled by the calendar. A weekday follows the tense strictly; a month, a date or a
    /// quarter stays in the clock's year when it is close, because a past-tense verb nearby ("said the vote is on
    /// Nov. 6") says little about a date two weeks away.
    /// </summary>
    private const int DateLeeway = 62;
    private const int WeekdayLeeway = 0;

    private static long DistanceInDays(CalendarValue value, LocalDate clock) =>
        clock < value.Start ? Period.Between(clock, value.Start, PeriodUnits.Days).Days
        : clock >= value.EndExclusive ? Period.Between(value.EndExclusive.PlusDays(-1), clock, PeriodUnits.Days).Days
        : 0;

    private static IEnumerable<CalendarValue> DayOptions(LocalDate clock, int month, int day)
    {
        for (int k = -1; k <= 1; k++)
        {
            int year = clock.Year + k;
            if (day <= CalendarSystem.Iso.GetDaysInMonth(year, month)) yield return CalendarValue.OfDay(new LocalDate(year, month, day));
        }
    }

    private static Normalized Day(int year, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
            return Normalized.Missing(TimexTypes.Date, "not a calendar date");
        return Normalized.Date(CalendarValue.OfDay(new LocalDate(year, month, day)));
    }

    private static int FullYear(string digits, LocalDate? clock)
    {
        int y = int.Parse(digits, CultureInfo.InvariantCulture);
        if (digits.Length == 4) return y;
        int pivot = (clock?.Year ?? 2030) % 100 + 1;
        int century = clock is { } c ? c.Year / 100 * 100 : 2000;
        return y <= pivot ? century + y : century - 100 + y;
    }

    private static bool TryGranularity(string unit, out CalendarGranularity granularity)
    {
        (bool ok, granularity) = unit switch
        {
            "D" => (true, CalendarGranularity.Day),
            "W" => (true, CalendarGranularity.Week),
            "WE" => (true, CalendarGranularity.Weekend),
            "M" => (true, CalendarGranularity.Month),
            "Q" => (true, CalendarGranularity.Quarter),
            "Y" => (true, CalendarGranularity.Year),
            "DE" => (true, CalendarGranularity.Decade),
            "CE" => (true, CalendarGranularity.Century),
            _ => (false, CalendarGranularity.Day),
        };
        return ok;
    }

    /// <summary>"two years ago", "three days from now": the clock moved by whole units, at the unit's precision.</summary>
    private static Normalized Offset(TimeLexicon lex, Match m, TimeContext c, int sign)
    {
        var unit = lex.Units[m.Groups["unit"].Value];
        int? count = lex.NumberOf(m.Groups["num"].Value);
        if (count is null) return Normalized.Of(TimexTypes.Date, sign < 0 ? "PAST_REF" : "FUTURE_REF");
        if (!TryGranularity(unit, out var granularity))
            return Relative(c, TimexTypes.Time, clock => Normalized.Of(TimexTypes.Time, CalendarValue.OfDay(clock).ToTimex()));
        if (sign < 0 && unit == "Y" && count == 1 && YearBeforeReportedQuarter(c) is { } quarter) return Normalized.Date(quarter);
        return Relative(c, TimexTypes.Date, clock =>
        {
            // "a decade ago" names a year, not a decade: the clock's year moved by ten.
            var precision = granularity switch
            {
                CalendarGranularity.Weekend => CalendarGranularity.Week,
                CalendarGranularity.Decade or CalendarGranularity.Century => CalendarGranularity.Year,
                _ => granularity,
            };
            var at = CalendarValue.Containing(precision, clock).Shift(unit == "WE" ? "W" : unit, sign * count.Value);
            return at is { } v ? Normalized.Date(v) : Normalized.Missing(TimexTypes.Date, "cannot move by this unit");
        });
    }

    /// <summary>
    /// "two years later" is the anchor moved forward; but in "Talks resumed Monday, a day after the envoys met",
    /// "after" introduces the other event, which lies a day before the anchor. A preposition followed by nothing
    /// ("a day after.") is an adverb again.
    /// </summary>
    /// <summary>
    /// "two years earlier": the sentence's anchor date moved back. With none: in an earnings report "a year earlier"
    /// is the quarter a year before the one reported; by years it reads like "ago", from the clock.
    /// </summary>
    private static Normalized Earlier(TimeLexicon lex, TimeContext c, string number, string unitWord)
    {
        var unit = lex.Units[unitWord];
        int? count = lex.NumberOf(number);
        if (count is null) return Normalized.Missing(TimexTypes.Date, "unspecified amount");
        if (unit == "Y" && count == 1 && c.Anchor is not { Granularity: CalendarGranularity.Year or CalendarGranularity.Quarter } && YearBeforeReportedQuarter(c) is { } quarter)
            return Normalized.Date(quarter);
        if (c.Anchor is { } anchor)
            return anchor.Shift(unit, -count.Value) is { } moved
                ? Normalized.Date(moved)
                : Normalized.Missing(TimexTypes.Date, "the anchor date is less precise than the offset");
        if (unit is "Y" or "DE" or "CE")
            return Relative(c, TimexTypes.Date, clock => Normalized.Date(CalendarValue.OfYear(clock.Year).Shift(unit, -count.Value)!.Value));
        return Normalized.Missing(TimexTypes.Date, TimeContext.NoAnchor);
    }

    /// <summary>
    /// "two years later" is the anchor moved forward; but in "Talks resumed Monday, a day after the envoys met",
    /// "after" introduces the other event, which lies a day before the anchor. A preposition followed by nothing
    /// ("a day after.") is an adverb again.
    /// </summary>
    private static Normalized Anchored(TimeLexicon lex, TimeContext c, Match m, bool introducesEvent)
    {
        var unit = lex.Units[m.Groups["unit"].Value];
        int? count = lex.NumberOf(m.Groups["num"].Value);
        if (count is not null && c.Anchor is { } anchor)
        {
            int sign = m.Groups["dir"].Value.ToLowerInvariant() is "after" or "later" ? 1 : -1;
            if (introducesEvent && m.Groups["dir"].Value.ToLowerInvariant() is "after" or "before") sign = -sign;
            if (anchor.Shift(unit, sign * count.Value) is { } moved) return Normalized.Date(moved);
        }
        int amountLength = m.Groups["dir"].Index - m.Index;
        while (amountLength > 0 && char.IsWhiteSpace(m.Value[amountLength - 1])) amountLength--;
        return Duration(lex, m.Groups["num"].Value, m.Groups["unit"].Value) with { Length = amountLength };
    }

    private static Normalized TheUnitAfter(TimeLexicon lex, TimeContext c, string unitWord, string direction, bool introducesEvent)
    {
        if (c.Anchor is not { } anchor) return Normalized.Missing(TimexTypes.Date, TimeContext.NoAnchor);
        if (introducesEvent) return Normalized.Date(anchor);
        int sign = direction.Equals("after", StringComparison.OrdinalIgnoreCase) ? 1 : -1;
        return anchor.Shift(lex.Units[unitWord], sign) is { } moved
            ? Normalized.Date(moved)
            : Normalized.Missing(TimexTypes.Date, "the anchor date is less precise than the offset");
    }

    private static readonly Regex MoneyAmount = new(@"[$£€¥]\s?\d|\d\s*(?:%|percent\b|cents?\b|pence\b|million\b|billion\b)", Options);
    private static readonly Regex OtherPeriod = new(@"\b(?:months|half|annual|fiscal|full[- ]year)\b", Options);

    /// <summary>
    /// In an earnings report, "a year ago" next to a figure means the quarter a year before the reported one
    /// ("net rose to $5 million from $4 million a year ago"): the sentence states an amount, names no other period
    /// ("nine months", "fiscal"), and the document has named a quarter that has ended.
    /// </summary>
    private static CalendarValue? YearBeforeReportedQuarter(TimeContext c)
    {
        if (c.Text.Length == 0 || c.ReportedQuarter is not { } quarter) return null;
        var sentence = c.Text.AsSpan(c.Sentence.Start, c.Sentence.Length);
        return MoneyAmount.IsMatch(sentence) && !OtherPeriod.IsMatch(sentence) ? quarter.Plus(-4) : null;
    }

    private static int YearOffset(string relative) => relative.ToLowerInvariant() switch { "last" => -1, "next" => 1, _ => 0 };

    private static Normalized Duration(TimeLexicon lex, string number, string unitWord, bool half = false)
    {
        var unit = lex.Units[unitWord];
        int? n = lex.NumberOf(number);
        // "2 1/2 years", "a minute and a half": the half is written in the next smaller unit (P2Y6M, PT1M30S).
        if (half && n is { } whole && HalfOf(unit) is { } rest)
            return Normalized.Of(TimexTypes.Duration, unit is "H" or "MIN" or "S" ? $"PT{whole}{(unit == "MIN" ? "M" : unit)}{rest}" : $"P{whole}{unit}{rest}");
        string amount = n?.ToString(CultureInfo.InvariantCulture) ?? "X";
        // TimeML writes quarters as months and decades and centuries as years (P9M, P10Y).
        (string scaled, string code) = (unit, n) switch
        {
            ("Q", { } q) => ((3 * q).ToString(CultureInfo.InvariantCulture), "M"),
            ("Q", null) => ("X", "M"),
            ("DE", { } d) => ((10 * d).ToString(CultureInfo.InvariantCulture), "Y"),
            ("CE", { } c) => ((100 * c).ToString(CultureInfo.InvariantCulture), "Y"),
            _ => (amount, unit),
        };
        string value = code switch
        {
            "H" => $"PT{scaled}H",
            "MIN" => $"PT{scaled}M",
            "S" => $"PT{scaled}S",
            _ => $"P{scaled}{code}",
        };
        return Normalized.Of(TimexTypes.Duration, value);
    }

    private static string? HalfOf(string unit) => unit switch
    {
        "Y" => "6M",
        "M" => "15D",
        "D" => "T12H",
        "H" => "30M",
        "MIN" => "30S",
        _ => null,
    };

    /// <summary>The date of a holiday in a year: a fixed MM-DD, or n:weekday:month (n = -1 for the last).</summary>
    private static LocalDate? Holiday(TimeLexicon lex, string name, int year)
    {
        if (!lex.Holidays.TryGetValue(name, out var rule)) return null;
        var parts = rule.Split(':');
        if (parts.Length == 1)
        {
            var md = rule.Split('-');
            return new LocalDate(year, int.Parse(md[0], CultureInfo.InvariantCulture), int.Parse(md[1], CultureInfo.InvariantCulture));
        }
        int n = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var weekday = (IsoDayOfWeek)int.Parse(parts[1], CultureInfo.InvariantCulture);
        int month = int.Parse(parts[2], CultureInfo.InvariantCulture);
        if (n > 0)
        {
            var first = new LocalDate(year, month, 1);
            int shift = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
            return first.PlusDays(shift + 7 * (n - 1));
        }
        var last = new LocalDate(year, month, CalendarSystem.Iso.GetDaysInMonth(year, month));
        return last.PlusDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>The last two digits of a spelled year: "ninety-six", "twelve", "oh five", "five".</summary>
    private static string SpelledTwoDigits(TimeLexicon lex)
    {
        var words = lex.Numbers.Where(kv => int.TryParse(kv.Value, out var v) && v is >= 1 and < 100 && kv.Key.Length > 2 && !kv.Key.Contains(' ')).Select(kv => kv.Key);
        return $"{CompoundNumbers(lex)}|(?:oh[- ])?{TimeLexicon.Alternation(words)}";
    }

    private static int SpelledYear(TimeLexicon lex, string century, string rest)
    {
        int baseYear = century.StartsWith("nineteen", StringComparison.OrdinalIgnoreCase) ? 1900 : 2000;
        var digits = Regex.Replace(rest, @"^oh[- ]", "", RegexOptions.IgnoreCase);
        return baseYear + (digits.Length == 0 ? 0 : lex.NumberOf(digits.Replace('-', ' ')) ?? 0);
    }

    /// <summary>"twenty-five", "thirty one": a tens word joined to a units word, as a regex.</summary>
    private static string CompoundNumbers(TimeLexicon lex)
    {
        var tens = lex.Numbers.Where(kv => int.TryParse(kv.Value, out var v) && v is >= 20 and < 100 && v % 10 == 0).Select(kv => kv.Key);
        var ones = lex.Numbers.Where(kv => int.TryParse(kv.Value, out var v) && v is >= 1 and <= 9 && kv.Key.Length > 2).Select(kv => kv.Key);
        return $"{TimeLexicon.Alternation(tens)}[- ]{TimeLexicon.Alternation(ones)}";
    }

    private static readonly Regex Word = new(@"[A-Za-z]+", RegexOptions.CultureInvariant);
    private static readonly Regex MarchAsNoun = new(@"^\s+(?:for|of|on|against)\s+(?!\d|(?:early|mid|late|this|last|next)\b)", Options);

    /// <summary>
    /// "60 Minutes", "High Noon", "the Daily Mail": a unit, part-of-day or frequency word written capitalised inside a
    /// sentence belongs to a title or a name.
    /// </summary>
    private static bool InsideName(TimeLexicon lex, Match m, string text)
    {
        foreach (Match w in Word.Matches(m.Value))
        {
            var word = w.Value;
            if (word.Length < 2 || !char.IsUpper(word[0]) || word.AsSpan(1).ContainsAnyExceptInRange('a', 'z')) continue;
            if (!(lex.Units.ContainsKey(word) || lex.PartsOfDay.ContainsKey(word) || lex.Sets.ContainsKey(word) || word is "Noon" or "Midnight")) continue;
            if (!StartsSentence(text, m.Index + w.Index)) return true;
        }
        return false;
    }

    /// <summary>Whether a word at <paramref name="index"/> is capitalised by position: first in its text, line, sentence or quote.</summary>
    private static bool StartsSentence(string text, int index)
    {
        int i = index - 1;
        while (i >= 0 && text[i] is ' ' or '\t') i--;
        return i < 0 || text[i] is '\n' or '.' or '!' or '?' or '"' or '“' or '”' or '\'' or '‘' or '’' or '`' or '(' or ':' or '—' or '–' or '-' or '_';
    }

    /// <summary>"the annual March for Life", "the March of the Mothers": a march, not the month.</summary>
    private static bool NounFollows(string text, int end) => MarchAsNoun.IsMatch(text.AsSpan(end, Math.Min(20, text.Length - end)).ToString());

    private static bool CapitalisedWordFollows(TimeLexicon lex, string text, int end)
    {
        var next = Word.Match(text, end, Math.Min(30, text.Length - end));
        return next.Success && text.AsSpan(end, next.Index - end).IsWhiteSpace() && next.Index > end && char.IsUpper(next.Value[0])
            && !lex.Months.ContainsKey(next.Value) && !lex.Weekdays.ContainsKey(next.Value);
    }

    private static readonly Regex PrepositionBefore = new(@"\b(?:in|since|until|till|by|from|through|during|of|before|after|between|and|to|early|late|mid|last|next|this|on)\s*-?\s*$", Options);

    private static bool PrecededByPreposition(string text, int index) =>
        PrepositionBefore.IsMatch(text.AsSpan(Math.Max(0, index - 20), index - Math.Max(0, index - 20)).ToString());

    /// <summary>"2,018" or "2018 3/4": a number, not a year.</summary>
    private static bool FollowedByDigitGroup(string text, int end) => end + 1 < text.Length && text[end] == ' ' && char.IsDigit(text[end + 1]) && end + 2 < text.Length && text[end + 2] == '/';
}
