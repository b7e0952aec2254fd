using Storyline.Documents;

namespace Storyline.Quotes;

/// <summary>A span of quoted words, quote marks included.</summary>
/// <param name="Unterminated">The quote opens a paragraph and never closes (an embedded post the cleaner kept, a
/// quote cut short): it runs to the end of its paragraph.</param>
public readonly record struct QuotedSpan(int Start, int End, bool Unterminated = false)
{
    public TextSpan Span => new(Start, End);
}

/// <summary>
/// Finds the top-level double-quoted spans of a text. Straight and curly marks are treated alike and told apart
/// by where they stand: a mark after white space, an opening bracket or a dash, and before a word, opens; any
/// other closes (writers mix “…" and "…”). Single quotes are left alone: inside a double quote they are a nested
/// quote ('It's your fight.'), and elsewhere they are mostly apostrophes. A quote still open at the end of a
/// paragraph continues when the next paragraph opens with a quote mark (the newspaper convention for a quote over
/// several paragraphs); otherwise, when it opened its paragraph, it runs to the paragraph's end.
/// </summary>
public static class QuoteScanner
{
    public static bool IsDoubleQuote(char c) => c is '"' or '“' or '”' or '„' or '«' or '»' or '″';

    /// <summary>The length of the double quote mark at <paramref name="i"/>: 1 for a quote character, 2 for the
    /// typewriter pairs <c>''</c> and <c>``</c> some newspapers use, 0 for none.</summary>
    public static int MarkLength(string text, int i)
    {
        char c = text[i];
        if (IsDoubleQuote(c)) return 1;
        if (c is '\'' or '`' && i + 1 < text.Length && text[i + 1] == c) return 2;
        return 0;
    }

    public static IReadOnlyList<QuotedSpan> Scan(string text)
    {
        var spans = new List<QuotedSpan>();
        var lines = Lines(text);
        int open = -1, continuation = 1;
        bool openedLine = false;
        for (int l = 0; l < lines.Count; l++)
        {
            var (ls, le) = lines[l];
            int first = ls;
            if (open >= 0)
            {
                // A continued quote: this paragraph's opening mark carries it on.
                first = ls + continuation;
            }
            for (int i = first; i < le; i++)
            {
                char c = text[i];
                int length = MarkLength(text, i);
                if (length == 0) continue;
                bool opening = OpensAt(text, i, i + length, ls, le);
                if (open < 0)
                {
                    if (opening || c is '“' or '„' or '«' or '`') { open = i; openedLine = LineStartsAt(text, ls, i); }
                }
                else if (!opening || c is '”' or '»')
                {
                    if (i > open + 2) spans.Add(new QuotedSpan(open, i + length));
                    open = -1;
                }
                else
                {
                    // Two opening marks in a row: the first was never closed; start again here.
                    open = i;
                    openedLine = false;
                }
                i += length - 1;
            }
            if (open < 0) continue;
            int next = l + 1 < lines.Count ? lines[l + 1].Start : -1;
            if (next >= 0 && next < text.Length && MarkLength(text, next) > 0) { continuation = MarkLength(text, next); continue; }
            if (openedLine && TrimEnd(text, open, le) is var end && end > open + 1) spans.Add(new QuotedSpan(open, end, Unterminated: true));
            open = -1;
        }
        return spans;
    }

    private static bool LineStartsAt(string text, int lineStart, int i)
    {
        for (int k = lineStart; k < i; k++) if (!char.IsWhiteSpace(text[k])) return false;
        return true;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return end;
    }

    private static bool OpensAt(string text, int i, int after, int lineStart, int lineEnd)
    {
        bool beforeOpens = i == lineStart || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '—' or '–' or '-' or '/' or ':' or '‘' or '\'';
        bool afterWord = after < lineEnd && !char.IsWhiteSpace(text[after]) && text[after] is not (',' or '.' or ';' or ')');
        return beforeOpens && afterWord;
    }

    /// <summary>The non-empty lines (paragraphs) of the text, as [start, end).</summary>
    internal static List<(int Start, int End)> Lines(string text)
    {
        var lines = new List<(int, int)>();
        int s = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n' && text[i] != '\r' && text[i] != '\u2029') continue;
            int ls = s, le = i;
            while (ls < le && char.IsWhiteSpace(text[ls])) ls++;
            if (le > ls) lines.Add((ls, le));
            s = i + 1;
        }
        return lines;
    }
}
