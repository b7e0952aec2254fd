namespace Storyline.Language.Tokenization;

/// <summary>
/// Splits news text into tokens in the Penn Treebank / Universal Dependencies manner: punctuation and quotes are
/// tokens of their own, clitics are split ("Trump's" → Trump 's, "don't" → do n't), abbreviations and initials keep
/// their period ("U.S.", "H.W.", "Sept."), numbers keep their separators ("12,000", "3.5") while currency and
/// percent signs stand alone, hyphenated words split at the hyphen ("30-day" → 30 - day) except after a short
/// prefix ("e-mail"), and URLs, e-mail addresses, @handles and #hashtags stay whole.
/// </summary>
/// <remarks>
/// A hand-written scanner: the text is cut at white space into chunks, and each chunk is peeled like an onion
/// (opening punctuation from the front, closing punctuation and clitics from the back, then inner splits such as
/// hyphens). No regular expression runs per token, and word lists are consulted through span lookups.
/// </remarks>
public static class Tokenizer
{
    private const int MaxSuffixes = 32;
    private static readonly string[] AsciiStrings = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    public static Token[] Tokenize(string text) => Tokenize(text, TokenizerLexicon.Default);

    public static Token[] Tokenize(string text, TokenizerLexicon lexicon)
    {
        // One list per thread, reused: a list sized for each text was garbage as soon as its tokens were copied out.
        var tokens = _tokens ??= new List<Token>();
        tokens.Clear();
        Append(text, 0, text.Length, lexicon, tokens);
        var result = tokens.ToArray();
        tokens.Clear();
        if (tokens.Capacity > MaxKeptTokens) _tokens = null;
        return result;
    }

    [ThreadStatic] private static List<Token>? _tokens;
    // A list grown by an exceptionally long text is not kept.
    private const int MaxKeptTokens = 1 << 16;

    /// <summary>Appends the tokens of <c>text[start..end)</c> to <paramref name="into"/>, with offsets into <paramref name="text"/>.</summary>
    public static void Append(string text, int start, int end, TokenizerLexicon lexicon, List<Token> into)
    {
        int i = start;
        while (i < end)
        {
            if (IsSeparator(text[i])) { i++; continue; }
            int j = i + 1;
            while (j < end && !IsSeparator(text[j])) j++;
            SplitChunk(text, i, j, lexicon, into);
            i = j;
        }
    }

    // Zero-width spaces and byte-order marks separate words as white space does in scraped text.
    private static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF';

    internal static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ';

    private static bool IsDash(char c) => c is '—' or '–' or '―' or '‒';

    private static void SplitChunk(string text, int s, int e, TokenizerLexicon lexicon, List<Token> into)
    {
        while (s < e)
        {
            int length = OpeningLength(text, s, e);
            if (length == 0) break;
            Emit(text, s, s + length, into);
            s += length;
        }
        if (s == e) return;

        var kind = Classify(text, s, e);
        Span<int> suffixStarts = stackalloc int[MaxSuffixes];
        int suffixCount = 0;
        int coreEnd = e;
        bool cliticSplit = false;
        while (coreEnd - s > 1 && suffixCount < MaxSuffixes)
        {
            int length = ClosingLength(text, s, coreEnd, kind, lexicon, ref cliticSplit);
            if (length == 0) break;
            coreEnd -= length;
            suffixStarts[suffixCount++] = coreEnd;
        }

        if (coreEnd > s)
        {
            if (kind == ChunkKind.Word) SplitCore(text, s, coreEnd, lexicon, into);
            else Emit(text, s, coreEnd, into);
        }
        for (int k = suffixCount - 1; k >= 0; k--)
            Emit(text, suffixStarts[k], k == 0 ? e : suffixStarts[k - 1], into);
    }

    private enum ChunkKind { Word, Address, Handle }

    /// <summary>URLs and e-mail addresses are never split inside; handles and hashtags only lose trailing punctuation and clitics.</summary>
    private static ChunkKind Classify(string text, int s, int e)
    {
        var span = text.AsSpan(s, e - s);
        if (span.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || span.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || span.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase) || span.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            return ChunkKind.Address;
        if (span.Length > 1 && span[0] is '@' or '#' && (char.IsLetterOrDigit(span[1]) || span[1] == '_'))
            return ChunkKind.Handle;
        int at = span.IndexOf('@');
        if (at > 0 && at < span.Length - 3 && char.IsLetterOrDigit(span[at - 1]) && char.IsLetterOrDigit(span[at + 1]))
        {
            int dot = span[(at + 1)..].IndexOf('.');
            if (dot > 0 && at + 1 + dot < span.Length - 1 && char.IsLetter(span[at + 2 + dot])) return ChunkKind.Address;
        }
        return ChunkKind.Word;
    }

    /// <summary>The length of the opening punctuation token at <paramref name="s"/>, or 0 when the chunk starts with a word.</summary>
    private static int OpeningLength(string text, int s, int e)
    {
        char c = text[s];
        bool more = s + 1 < e;
        switch (c)
        {
            case '"' or '“' or '„' or '«' or '‹' or '(' or '[' or '{' or '¿' or '¡' or '‘' or '•':
                return 1;
            case '\'' or '’':
                // '90s keeps its apostrophe; otherwise a leading apostrophe is an opening quote.
                return more && char.IsDigit(text[s + 1]) ? 0 : 1;
            case '`':
                return RunLength(text, s, e, '`');
            case '.' or '…':
                if (c == '…') return 1;
                int dots = RunLength(text, s, e, '.');
                return dots >= 2 ? dots : 0;
            case '-':
                int hyphens = RunLength(text, s, e, '-');
                if (hyphens >= 2) return hyphens;
                // "-5" and "-.5" are negative numbers.
                return more && (char.IsDigit(text[s + 1]) || text[s + 1] == '.') ? 0 : more ? 1 : 0;
        }
        if (IsDash(c))
        {
            int n = 1;
            while (s + n < e && IsDash(text[s + n])) n++;
            return n;
        }
        // "$12,000" → $ 12,000; a lone "$" is simply the whole chunk.
        if (more && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.CurrencySymbol) return 1;
        return 0;
    }

    /// <summary>The length of the closing punctuation or clitic token that ends <c>text[s..end)</c>, or 0.</summary>
    private static int ClosingLength(string text, int s, int end, ChunkKind kind, TokenizerLexicon lexicon, ref bool cliticSplit)
    {
        char c = text[end - 1];
        switch (c)
        {
            case '"' or '”' or '“' or '»' or '›' or ')' or ']' or '}' or ',' or ';' or ':' or '\'' or '’' or '…':
                return 1;
            case '%':
                return kind == ChunkKind.Address ? 0 : 1;
            case '!' or '?':
                int marks = 1;
                while (end - marks - 1 >= s && text[end - marks - 1] is '!' or '?') marks++;
                return marks;
            case '.':
                int dots = 1;
                while (end - dots - 1 >= s && text[end - dots - 1] == '.') dots++;
                if (dots >= 2) return dots;
                if (kind != ChunkKind.Word) return 1;
                // In a hyphenated word the abbreviation is the last part ("then-U.S." keeps the period of "U.S.").
                var word = text.AsSpan(s, end - s);
                int hyphen = word.LastIndexOf('-');
                if (hyphen >= 0 && hyphen < word.Length - 2) word = word[(hyphen + 1)..];
                return IsAbbreviation(word, lexicon) ? 0 : 1;
            case '-':
                int hyphens = 1;
                while (end - hyphens - 1 >= s && text[end - hyphens - 1] == '-') hyphens++;
                return hyphens;
        }
        if (IsDash(c))
        {
            int n = 1;
            while (end - n - 1 >= s && IsDash(text[end - n - 1])) n++;
            return n;
        }
        if (kind == ChunkKind.Address || cliticSplit) return 0;
        int clitic = CliticLength(text, s, end);
        if (clitic > 0) cliticSplit = true;
        return clitic;
    }

    /// <summary>'s 'd 'm (2), 're 've 'll n't (3), with straight or curly apostrophes, after a word character
    /// (or the period of an abbreviation: "the U.S.'s").</summary>
    private static int CliticLength(string text, int s, int end)
    {
        int length = end - s;
        if (length >= 3 && IsApostrophe(text[end - 2]) && (char.IsLetterOrDigit(text[end - 3]) || text[end - 3] == '.')
            && char.ToLowerInvariant(text[end - 1]) is 's' or 'd' or 'm')
            return 2;
        if (length >= 4 && IsApostrophe(text[end - 3]) && char.IsLetterOrDigit(text[end - 4]))
        {
            char a = char.ToLowerInvariant(text[end - 2]), b = char.ToLowerInvariant(text[end - 1]);
            if ((a, b) is ('r', 'e') or ('v', 'e') or ('l', 'l')) return 3;
        }
        if (length >= 4 && char.ToLowerInvariant(text[end - 1]) == 't' && IsApostrophe(text[end - 2])
            && char.ToLowerInvariant(text[end - 3]) == 'n' && char.IsLetter(text[end - 4]))
            return 3;
        return 0;
    }

    /// <summary>Known abbreviations, capital initials ("J."), and letter-dot sequences ("U.S.", "H.W.", "a.m.").</summary>
    internal static bool IsAbbreviation(ReadOnlySpan<char> word, TokenizerLexicon lexicon)
    {
        if (word.Length < 2 || word[^1] != '.') return false;
        if (lexicon.TryGetAbbreviation(word, out _)) return true;
        if (word.Length == 2) return char.IsUpper(word[0]);
        for (int k = 0; k < word.Length; k += 2)
            if (!char.IsLetter(word[k]) || word[k + 1] != '.') return false;
        return word.Length % 2 == 0;
    }

    /// <summary>Splits a word at inner hyphens, dashes, ellipses, quotes and commas between letters.</summary>
    private static void SplitCore(string text, int s, int e, TokenizerLexicon lexicon, List<Token> into)
    {
        int split = lexicon.ContractionSplit(text.AsSpan(s, e - s));
        if (split > 0)
        {
            Emit(text, s, s + split, into);
            Emit(text, s + split, e, into);
            return;
        }

        int piece = s;
        int k = s;
        while (k < e)
        {
            char c = text[k];
            int length = 0;
            if (c == '-')
            {
                int hyphens = RunLength(text, k, e, '-');
                if (hyphens >= 2) length = hyphens;
                else if (k > piece && k + 1 < e && char.IsLetterOrDigit(text[k - 1]) && char.IsLetterOrDigit(text[k + 1])
                         && !(char.IsDigit(text[k - 1]) && char.IsDigit(text[k + 1]))
                         && !lexicon.IsHyphenPrefix(text.AsSpan(piece, k - piece)))
                    length = 1;
            }
            else if (IsDash(c))
            {
                length = 1;
                while (k + length < e && IsDash(text[k + length])) length++;
            }
            else if (c == '…' || c is '"' or '“' or '”')
                length = 1;
            else if (c == '.' && k + 1 < e && text[k + 1] == '.')
                length = RunLength(text, k, e, '.');
            else if (c == ',' && k > piece && k + 1 < e && !(char.IsDigit(text[k - 1]) && char.IsDigit(text[k + 1])))
                length = 1;

            if (length == 0) { k++; continue; }
            if (k > piece) Emit(text, piece, k, into);
            Emit(text, k, k + length, into);
            k += length;
            piece = k;
        }
        if (piece < e) Emit(text, piece, e, into);
    }

    private static int RunLength(string text, int s, int e, char c)
    {
        int n = 0;
        while (s + n < e && text[s + n] == c) n++;
        return n;
    }

    private static void Emit(string text, int start, int end, List<Token> into)
    {
        string word = end - start == 1 && text[start] < 128 ? AsciiStrings[text[start]] : text.Substring(start, end - start);
        into.Add(new Token(start, end, word));
    }
}
