using System.Collections.Frozen;
using Storyline.Learning;

namespace Storyline.Stories;

/// <summary>A word of the text as story clustering sees it: where it is, and whether it begins a sentence.</summary>
internal readonly record struct StoryToken(int Start, int End, bool SentenceStart, bool Capitalised, bool Numeric);

/// <summary>
/// The small amount of text handling story clustering needs: word tokens with sentence starts, stopwords from
/// <c>Resources/stories/stopwords.txt</c>, and a light suffix stemmer. Kept here rather than in the language layer
/// because it must work when no language stage ran.
/// </summary>
internal static class StoryText
{
    public static FrozenSet<string> Stopwords { get; } =
        EmbeddedData.ReadLines("stories/stopwords.txt").Select(l => l.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);

    public static bool IsStopword(string lower) => Stopwords.Contains(lower);

    /// <summary>Runs of letters and digits; an apostrophe inside a word ends it ("Trump's" → "Trump").</summary>
    public static List<StoryToken> Tokenize(ReadOnlySpan<char> text)
    {
        var tokens = new List<StoryToken>();
        bool sentenceStart = true;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                int start = i;
                bool numeric = true;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || IsInnerJoiner(text, i)))
                {
                    if (char.IsLetter(text[i])) numeric = false;
                    i++;
                }
                int end = i;
                // Possessive or contraction: keep the stem before the apostrophe, skip the rest of the word.
                if (i < text.Length && IsApostrophe(text[i]))
                    while (i + 1 < text.Length && char.IsLetter(text[i + 1])) i++;
                tokens.Add(new StoryToken(start, end, sentenceStart, char.IsUpper(c), numeric));
                sentenceStart = false;
                continue;
            }
            if (c is '.' or '!' or '?' or '\n' or ':' or '—' or '–' or '|') sentenceStart = IsSentenceBreak(text, i);
            i++;
        }
        return tokens;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '’';

    /// <summary>A hyphen or dot between letters/digits stays in the token ("U.S", "9-11" stay whole).</summary>
    private static bool IsInnerJoiner(ReadOnlySpan<char> text, int i) =>
        text[i] is '-' or '.' && i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1])
        && (text[i] == '-' || char.IsUpper(text[i + 1]) || char.IsDigit(text[i + 1]));

    // A dash or colon after a dateline ("PARIS (AP) —") starts a sentence too; a dot inside "Pa. last" does not
    // (followed by lowercase), which the check on the next letter handles.
    private static bool IsSentenceBreak(ReadOnlySpan<char> text, int i)
    {
        if (text[i] == '\n') return true;
        for (int j = i + 1; j < text.Length; j++)
        {
            char n = text[j];
            if (char.IsWhiteSpace(n) || n is '"' or '“' or '‘' or '\'' or '(' or '`') continue;
            return char.IsUpper(n) || char.IsDigit(n);
        }
        return true;
    }

    /// <summary>
    /// A light English stemmer: plurals, -ing and -ed, enough to let "checks", "checked" and "checking" meet.
    /// Over-stemming rare words is harmless here because only equality of stems matters.
    /// </summary>
    public static string Stem(string w)
    {
        if (w.Length <= 3 || !char.IsLetter(w[^1])) return w;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4) return w[..^3] + "y";
        if (w.EndsWith("sses", StringComparison.Ordinal)) return w[..^2];
        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
            w = w[..^1];
        if (w.Length > 5 && w.EndsWith("ing", StringComparison.Ordinal)) return Undouble(w[..^3]);
        if (w.Length > 4 && w.EndsWith("ed", StringComparison.Ordinal)) return Undouble(w.EndsWith("ied", StringComparison.Ordinal) ? w[..^3] + "y" : w[..^2]);
        if (w.Length > 4 && w.EndsWith('e')) return w[..^1];
        return w;
    }

    // "stopped" → "stopp" → "stop"; the final -e rule above makes "charge"/"charged" both "charg".
    private static string Undouble(string w) =>
        w.Length > 3 && w[^1] == w[^2] && w[^1] is not ('l' or 's' or 'z') && !"aeiou".Contains(w[^1]) ? w[..^1] : w;
}
