using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Language;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Storyline.Learning;

namespace Storyline.Time.Timeline;

/// <summary>
/// One dated statement of one article: a resolved DATE (or TIME) expression, the clause it belongs to — who did
/// what, as a span of the article's clean text — and the content words that identify the event.
/// </summary>
public sealed record DatedEvent(string ArticleId, CalendarValue Date, TextSpan Span, string Text, TimeExpression Expression, IReadOnlySet<string> Keys);

/// <summary>Finds the dated events of an article: one per time expression whose value is a calendar date.</summary>
public static partial class DatedEvents
{
    /// <summary>The longest event text; a longer clause is cut to a window around its time expression.</summary>
    public const int MaxTextLength = 240;

    private static readonly Lazy<FrozenSet<string>> StopWords = new(() =>
        EmbeddedData.ReadLines("timeline/stopwords.txt")
            .SelectMany(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    private static readonly Lazy<FrozenSet<string>> ReferencePointWords = new(() =>
        EmbeddedData.ReadLines("timeline/reference-points.txt").ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>How far before "since" a superlative or "first" may stand and still make the date a reference point.</summary>
    private const int ReferencePointWindow = 8;

    [GeneratedRegex(@"[\p{L}][\p{L}'’-]*")]
    private static partial Regex WordPattern();

    public static IEnumerable<DatedEvent> Of(AnalyzedArticle article)
    {
        var text = article.Text;
        var expressions = article.TimeExpressions.IsDefaultOrEmpty ? [] : article.TimeExpressions;
        if (expressions.Length == 0) yield break;
        var sentences = article.Sentences.IsDefaultOrEmpty
            ? SentenceSplitter.Split(text, article.Tokens.IsDefaultOrEmpty ? Tokenizer.Tokenize(text) : article.Tokens.ToArray())
            : article.Sentences.ToArray();
        var timeWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in expressions)
            foreach (Match w in WordPattern().Matches(e.Text)) timeWords.Add(w.Value);

        foreach (var expression in expressions)
        {
            if (expression.Type is not (TimexTypes.Date or TimexTypes.Time)) continue;
            if (!CalendarValue.TryParse(expression.Value, out var date)) continue;
            var sentence = sentences.Select(s => new TextSpan(s.Start, s.End)).FirstOrDefault(s => s.Start <= expression.Span.Start && expression.Span.Start < s.End, new TextSpan(0, text.Length));
            var clause = TenseDetector.ClauseOf(text, expression.Span, sentence);
            if (IsReferencePoint(text, clause, expression.Span)) continue;
            // "a vase and a lamp in 2019": a break that leaves too little to tell an event was no clause boundary.
            if (ContentWords(text, clause, timeWords) < MinPartWords) clause = sentence;
            var span = Trim(text, Window(OwnPart(text, Narrow(text, clause, expression, expressions), expression.Span, timeWords), expression.Span, text));
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match w in WordPattern().Matches(text, span.Start))
            {
                if (w.Index >= span.End) break;
                if (StopWords.Value.Contains(w.Value) || timeWords.Contains(w.Value) || w.Value.Length < 3) continue;
                keys.Add(Key(w.Value));
            }
            yield return new DatedEvent(article.Article.Id, date, span, span.Of(text), expression, keys);
        }
    }

    /// <summary>
    /// "The first strike at the port since 2016", "its highest level since March": the date after "since" is the
    /// point the comparison reaches back to, not when the clause's event happened, so it dates no event.
    /// </summary>
    private static bool IsReferencePoint(string text, TextSpan clause, TextSpan expression)
    {
        var before = WordPattern().Matches(text[..expression.Start], clause.Start);
        if (before.Count == 0 || !before[^1].Value.Equals("since", StringComparison.OrdinalIgnoreCase)) return false;
        if (text.AsSpan(before[^1].Index + before[^1].Length, expression.Start - before[^1].Index - before[^1].Length).Trim().Length > 0) return false;
        for (int i = before.Count - 2; i >= Math.Max(0, before.Count - 1 - ReferencePointWindow); i--)
            if (ReferencePointWords.Value.Contains(before[i].Value)) return true;
        return false;
    }

    /// <summary>
    /// The key of a content word: lower case, a plural or verb ending dropped, cut to six letters, so that
    /// "assassination" and "assassinated", "attempt" and "attempted", "prayed" and "praying" meet.
    /// </summary>
    public static string Key(string word)
    {
        var w = word.ToLowerInvariant().Replace('’', '\'');
        if (w.EndsWith("'s", StringComparison.Ordinal)) w = w[..^2];
        foreach (var suffix in (string[])["ing", "ed", "es", "s"])
            if (w.Length - suffix.Length >= 4 && w.EndsWith(suffix, StringComparison.Ordinal)) { w = w[..^suffix.Length]; break; }
        return w.Length > 6 ? w[..6] : w;
    }

    [GeneratedRegex(@",\s+|\s+(?:and|but|when|while)\s+")]
    private static partial Regex PartBreak();

    /// <summary>
    /// When a clause dates two events ("talks continued Monday …, a day after meeting …"), each keeps only its part:
    /// the clause is cut at the last comma or conjunction before the expression and the first one after it that
    /// lie between it and its dated neighbours.
    /// </summary>
    private static TextSpan Narrow(string text, TextSpan clause, TimeExpression expression, IReadOnlyList<TimeExpression> all)
    {
        int start = clause.Start, end = clause.End;
        foreach (var other in all)
        {
            if (ReferenceEquals(other, expression) || other.Value is null || !clause.Contains(other.Span.Start)) continue;
            if (other.Type is not (TimexTypes.Date or TimexTypes.Time)) continue;
            if (other.Span.End <= expression.Span.Start)
            {
                var between = new TextSpan(other.Span.End, expression.Span.Start);
                var last = PartBreak().Matches(text[..between.End], between.Start).LastOrDefault();
                if (last is not null) start = Math.Max(start, last.Index + last.Length);
            }
            else if (other.Span.Start >= expression.Span.End)
            {
                var between = new TextSpan(expression.Span.End, other.Span.Start);
                var first = PartBreak().Match(text[..between.End], between.Start);
                if (first.Success) end = Math.Min(end, first.Index);
            }
        }
        return new TextSpan(start, end);
    }

    [GeneratedRegex(@"\s+(?:and|but|while|whereas)\s+|;\s*")]
    private static partial Regex CoordinationBreak();

    /// <summary>The fewest content words a part must keep to stand as an event on its own.</summary>
    private const int MinPartWords = 4;

    /// <summary>
    /// When a clause joins two happenings ("Macron spoke after the talks and ahead of a summit on Thursday that will
    /// discuss the force"), the date belongs to the part it sits in: the clause is cut at the last "and", "but",
    /// "while" or semicolon before the expression, provided what is left still holds <see cref="MinPartWords"/>
    /// content words (so "a box and pen in 2021" keeps its whole clause).
    /// </summary>
    private static TextSpan OwnPart(string text, TextSpan clause, TextSpan expression, IReadOnlySet<string> timeWords)
    {
        if (expression.Start <= clause.Start) return clause;
        var last = CoordinationBreak().Matches(text[..expression.Start], clause.Start).LastOrDefault();
        if (last is null) return clause;
        var part = new TextSpan(last.Index + last.Length, clause.End);
        return ContentWords(text, part, timeWords) >= MinPartWords ? part : clause;
    }

    private static int ContentWords(string text, TextSpan span, IReadOnlySet<string> timeWords)
    {
        int content = 0;
        foreach (Match w in WordPattern().Matches(text[..span.End], span.Start))
            if (w.Value.Length >= 3 && !StopWords.Value.Contains(w.Value) && !timeWords.Contains(w.Value)) content++;
        return content;
    }

    private static TextSpan Window(TextSpan clause, TextSpan expression, string text)
    {
        if (clause.Length <= MaxTextLength) return clause;
        int start = Math.Max(clause.Start, Math.Min(expression.Start - MaxTextLength / 2, clause.End - MaxTextLength));
        int end = Math.Min(clause.End, start + MaxTextLength);
        while (start > clause.Start && !char.IsWhiteSpace(text[start - 1])) start++;
        while (end < clause.End && end > start && !char.IsWhiteSpace(text[end])) end--;
        return new TextSpan(start, end);
    }

    /// <summary>Drops white space, commas and a leading conjunction from the ends of a span.</summary>
    private static TextSpan Trim(string text, TextSpan span)
    {
        int start = span.Start, end = span.End;
        while (start < end && (char.IsWhiteSpace(text[start]) || text[start] is ',' or ';' or ':' or '—' or '–')) start++;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is ',' or ';' or ':' or '—' or '–')) end--;
        return new TextSpan(start, end);
    }
}
