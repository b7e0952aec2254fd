using System.Collections.Immutable;
using System.Text.RegularExpressions;
using NodaTime;
using Storyline.Documents;
using Storyline.Language;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;

namespace Storyline.Time;

/// <summary>What a rule made of its match: a TIMEX3 type and value, or the reason the value could not be found.</summary>
public readonly record struct Normalized(string Type, string? Value, string? Unresolved = null)
{
    public static Normalized Of(string type, string value) => new(type, value);
    public static Normalized Date(CalendarValue value) => new(TimexTypes.Date, value.ToTimex());
    public static Normalized Missing(string type, string reason) => new(type, null, reason);
    /// <summary>When set, the expression keeps only this many characters of its match ("a day" of "a day after").</summary>
    public int? Length { get; init; }
}

/// <summary>
/// What a rule may consult while normalising a match: the document's clock (its publication date, never the
/// system clock), the tense around the match, and the anchor date of the sentence for expressions such as
/// "a day after".
/// </summary>
public sealed class TimeContext
{
    public const string NoClock = "relative expression and the document has no publication date";
    public const string NoAnchor = "relative to an event whose date the sentence does not give";

    private readonly Func<Tense> _tense;
    private readonly Func<CalendarValue?> _anchor;
    private readonly Func<CalendarValue?> _reportedQuarter;
    private Tense? _tenseValue;

    private readonly Func<CalendarValue?> _previous;

    public TimeContext(LocalDate? clock, Func<Tense> tense, Func<CalendarValue?> anchor)
        : this(clock, tense, anchor, () => null, () => null, "", default, default) { }

    public TimeContext(LocalDate? clock, Func<Tense> tense, Func<CalendarValue?> anchor, Func<CalendarValue?> reportedQuarter, Func<CalendarValue?> previous, string text, TextSpan sentence, TextSpan expression)
    {
        _previous = previous;
        Clock = clock;
        _tense = tense;
        _anchor = anchor;
        _reportedQuarter = reportedQuarter;
        Text = text;
        Sentence = sentence;
        Expression = expression;
    }

    public LocalDate? Clock { get; }
    public Tense Tense => _tenseValue ??= _tense();
    /// <summary>The nearest resolved date in the same sentence, or null.</summary>
    public CalendarValue? Anchor => _anchor();
    /// <summary>
    /// The latest quarter the document has named before this expression ("third-quarter profit"), or null: the
    /// period an earnings report is about, which its "a year ago" figures are compared with.
    /// </summary>
    public CalendarValue? ReportedQuarter => _reportedQuarter();
    /// <summary>The anchor of the sentence, or else the last date the document gave before the expression ("that year").</summary>
    public CalendarValue? AnchorOrPrevious => _anchor() ?? _previous();
    /// <summary>The whole text, the sentence and the expression's own span, for rules that read the words around a match.</summary>
    public string Text { get; }
    public TextSpan Sentence { get; }
    public TextSpan Expression { get; }
    /// <summary>The words of the sentence before the expression.</summary>
    public ReadOnlySpan<char> Before => Text.AsSpan(Sentence.Start, Math.Max(0, Expression.Start - Sentence.Start));
}

/// <summary>One tagging rule: a pattern over the raw text and the normaliser that gives the TIMEX3 type and value.</summary>
/// <param name="Accept">A further check on the match and the text around it (for example "May" needs a date context).</param>
/// <param name="Anchored">The value depends on another expression of the sentence, so it is normalised last.</param>
public sealed record TimeRule(string Name, Regex Pattern, Func<Match, TimeContext, Normalized> Normalize)
{
    public Func<Match, string, bool>? Accept { get; init; }
    public bool Anchored { get; init; }
    /// <summary>
    /// A fast pattern for a word every match contains; when set, the rule is only tried in a window around each
    /// trigger (an optimisation: the matches are the same as scanning the whole text).
    /// </summary>
    public Regex? Trigger { get; init; }
}

/// <summary>
/// Finds TIMEX3 time expressions in raw text and normalises them against the document's clock. Every rule of
/// <see cref="TimeRules"/> proposes matches; overlapping matches are settled longest first; each kept match is
/// normalised with the tense of its sentence. Offsets are character offsets into the text given.
/// </summary>
public sealed class TimeTagger
{
    public static TimeTagger Default { get; } = new(TimeLexicon.Default);

    private readonly IReadOnlyList<TimeRule> _rules;
    private readonly TenseDetector _tense;

    public TimeTagger(TimeLexicon lexicon)
    {
        _rules = TimeRules.Build(lexicon);
        _tense = new TenseDetector(lexicon);
    }

    public IReadOnlyList<TimeRule> Rules => _rules;

    /// <summary>Tags <paramref name="text"/>. <paramref name="clock"/> is the publication date; with none, relative values stay unresolved.</summary>
    /// <param name="sentences">Sentence spans, when the sentence stage has found them; otherwise the text is split here.</param>
    /// <param name="tokens">Tokens with part-of-speech tags, when available, for the tense.</param>
    public ImmutableArray<TimeExpression> Tag(string text, LocalDate? clock, IReadOnlyList<Sentence>? sentences = null, IReadOnlyList<Token>? tokens = null)
    {
        var candidates = new List<(int Start, int End, int RuleIndex, Match Match)>();
        var windows = new Dictionary<Regex, List<(int Start, int Length)>>();
        for (int r = 0; r < _rules.Count; r++)
        {
            var rule = _rules[r];
            IEnumerable<Match> matches = rule.Trigger is { } trigger
                ? MatchesNear(rule.Pattern, text, windows.TryGetValue(trigger, out var w) ? w : windows[trigger] = Windows(trigger, text))
                : rule.Pattern.Matches(text);
            foreach (Match m in matches)
            {
                if (m.Length == 0) continue;
                if (rule.Accept is not null && !rule.Accept(m, text)) continue;
                candidates.Add((m.Index, m.Index + m.Length, r, m));
            }
        }
        // Longest first, then leftmost, then the rule listed first.
        candidates.Sort((a, b) => (b.End - b.Start) != (a.End - a.Start) ? (b.End - b.Start) - (a.End - a.Start)
            : a.Start != b.Start ? a.Start - b.Start : a.RuleIndex - b.RuleIndex);
        var kept = new List<(int Start, int End, int RuleIndex, Match Match)>();
        foreach (var c in candidates)
            if (kept.All(k => k.End <= c.Start || c.End <= k.Start)) kept.Add(c);
        kept.Sort((a, b) => a.Start - b.Start);

        if (sentences is not { Count: > 0 } && kept.Count > 0)
        {
            var ownTokens = tokens is { Count: > 0 } ? tokens.ToArray() : Tokenizer.Tokenize(text);
            sentences = SentenceSplitter.Split(text, ownTokens);
        }
        var sentenceSpans = (sentences ?? []).Select(s => new TextSpan(s.Start, s.End)).ToArray();
        TextSpan SentenceOf(int offset)
        {
            foreach (var s in sentenceSpans) if (offset >= s.Start && offset < s.End) return s;
            return new TextSpan(0, text.Length);
        }

        var results = new TimeExpression?[kept.Count];
        void Resolve(int i)
        {
            var (start, end, ruleIndex, match) = kept[i];
            var span = new TextSpan(start, end);
            var sentence = SentenceOf(start);
            var context = new TimeContext(
                clock,
                () => _tense.Detect(text, span, sentence, tokens),
                () => AnchorIn(results, kept, sentence, span),
                () => LatestQuarterBefore(results, kept, start, clock),
                () => PreviousDate(results, kept, start),
                text, sentence, span);
            var n = _rules[ruleIndex].Normalize(match, context);
            if (n.Length is int length && length > 0 && length < match.Length) span = new TextSpan(start, start + length);
            results[i] = new TimeExpression(span, text[span.Start..span.End], n.Type)
            {
                Value = n.Value,
                Unresolved = n.Value is null ? n.Unresolved ?? "no value" : null,
                Rule = _rules[ruleIndex].Name,
            };
        }
        for (int i = 0; i < kept.Count; i++) if (!_rules[kept[i].RuleIndex].Anchored) Resolve(i);
        for (int i = 0; i < kept.Count; i++) if (_rules[kept[i].RuleIndex].Anchored) Resolve(i);
        return [.. results.Select(r => r!)];
    }

    /// <summary>How far before and after a trigger word a match may reach.</summary>
    private const int WindowBefore = 80, WindowAfter = 40;

    /// <summary>Windows around the trigger's matches, widened to white space and merged where they overlap.</summary>
    private static List<(int Start, int Length)> Windows(Regex trigger, string text)
    {
        var windows = new List<(int Start, int Length)>();
        foreach (var m in trigger.EnumerateMatches(text))
        {
            int start = Math.Max(0, m.Index - WindowBefore);
            while (start > 0 && !char.IsWhiteSpace(text[start - 1])) start--;
            int end = Math.Min(text.Length, m.Index + m.Length + WindowAfter);
            while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
            if (windows.Count > 0 && start <= windows[^1].Start + windows[^1].Length)
                windows[^1] = (windows[^1].Start, Math.Max(end, windows[^1].Start + windows[^1].Length) - windows[^1].Start);
            else
                windows.Add((start, end - start));
        }
        return windows;
    }

    private static IEnumerable<Match> MatchesNear(Regex pattern, string text, List<(int Start, int Length)> windows)
    {
        foreach (var (start, length) in windows)
            for (var m = pattern.Match(text, start, length); m.Success; m = m.NextMatch())
                yield return m;
    }

    private static CalendarValue? PreviousDate(TimeExpression?[] results, List<(int Start, int End, int RuleIndex, Match Match)> kept, int before)
    {
        for (int i = kept.Count - 1; i >= 0; i--)
            if (kept[i].End <= before && results[i] is { Type: TimexTypes.Date } r && CalendarValue.TryParse(r.Value, out var v)) return v;
        return null;
    }

    /// <summary>The latest quarter named before <paramref name="before"/> that has ended by the clock (a report is about a past quarter).</summary>
    private static CalendarValue? LatestQuarterBefore(TimeExpression?[] results, List<(int Start, int End, int RuleIndex, Match Match)> kept, int before, LocalDate? clock)
    {
        CalendarValue? latest = null;
        for (int i = 0; i < kept.Count && kept[i].End <= before; i++)
            if (results[i] is { Type: TimexTypes.Date } r && CalendarValue.TryParse(r.Value, out var v) && v.Granularity == CalendarGranularity.Quarter
                && (clock is null || v.EndExclusive <= clock) && (latest is null || v.Start > latest.Value.Start))
                latest = v;
        return latest;
    }

    private static CalendarValue? AnchorIn(TimeExpression?[] results, List<(int Start, int End, int RuleIndex, Match Match)> kept, TextSpan sentence, TextSpan self)
    {
        CalendarValue? best = null;
        int bestDistance = int.MaxValue;
        for (int i = 0; i < kept.Count; i++)
        {
            var r = results[i];
            if (r is null || r.Type != TimexTypes.Date || r.Span == self) continue;
            if (r.Span.Start < sentence.Start || r.Span.End > sentence.End) continue;
            if (!CalendarValue.TryParse(r.Value, out var value)) continue;
            int distance = r.Span.End <= self.Start ? self.Start - r.Span.End : r.Span.Start - self.End;
            if (distance < bestDistance) { bestDistance = distance; best = value; }
        }
        return best;
    }
}
