using System.Globalization;
using System.Text;
using Storyline.Language.Ner;
using Storyline.Learning;

namespace Storyline.Language.Entities;

/// <summary>
/// How names are compared: titles and possessives removed, diacritics and full stops folded, spelling variants
/// of transliterated names ("Zelensky"/"Zelenskyy", "Sergey"/"Sergei") treated as equal, and the place and
/// organisation aliases of Resources/entities/aliases.txt ("U.S." → United States).
/// </summary>
public static class NameForms
{
    private static readonly Lazy<Dictionary<string, string>> _aliases = new(LoadAliases);

    /// <summary>The name part of a mention: "President Vladimir Putin's" → ["Vladimir", "Putin"].</summary>
    public static string[] NameTokens(string mentionText)
    {
        var tokens = mentionText.Replace('\u2019', '\'').Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (tokens.Count > 0 && (tokens[^1] == "'s" || tokens[^1] == "'")) tokens.RemoveAt(tokens.Count - 1);
        if (tokens.Count > 0 && tokens[^1].EndsWith("'s", StringComparison.Ordinal) && tokens[^1].Length > 2) tokens[^1] = tokens[^1][..^2];
        while (tokens.Count > 0 && tokens[^1].Length > 0 && ",;:".Contains(tokens[^1][^1])) tokens[^1] = tokens[^1].TrimEnd(',', ';', ':');
        tokens.RemoveAll(t => t.Length == 0);
        // Titles in front: "President", "then-President", "special envoy".
        while (tokens.Count > 1)
        {
            int titleLength = LeadingTitleLength(tokens);
            if (titleLength == 0 || titleLength >= tokens.Count) break;
            tokens.RemoveRange(0, titleLength);
        }
        if (tokens.Count > 1 && string.Equals(tokens[0], "the", StringComparison.OrdinalIgnoreCase)) tokens.RemoveAt(0);
        JoinSurnameParticles(tokens);
        return tokens.ToArray();
    }

    /// <summary>
    /// "Joost van Leeuwen" → ["Joost", "van Leeuwen"]: lower-case particles belong to the surname after them, so that
    /// "van Leeuwen" alone is read as that surname, not as a given name "van" and a surname "Leeuwen".
    /// </summary>
    private static void JoinSurnameParticles(List<string> tokens)
    {
        for (int i = tokens.Count - 2; i >= 0; i--)
            if (IsSurnameParticle(tokens[i]) && tokens[i + 1].Length > 0 && (char.IsUpper(tokens[i + 1][0]) || IsSurnameParticle(tokens[i + 1].Split(' ')[0])))
            {
                tokens[i] = tokens[i] + " " + tokens[i + 1];
                tokens.RemoveAt(i + 1);
            }
    }

    /// <summary>A lower-case surname particle ("de", "van", "von der" parts).</summary>
    public static bool IsSurnameParticle(string token) => EntityRecognizer.SurnameParticles.Value.Contains(token);

    /// <summary>How many leading tokens form a title ("Foreign Minister", "then-U.S. Ambassador" → 2).</summary>
    public static int LeadingTitleLength(IReadOnlyList<string> tokens) => LeadingTitleLength(tokens, 0, tokens.Count);

    /// <summary>The same for the <paramref name="count"/> tokens at <paramref name="start"/>: the recogniser asks this
    /// at many places of every sentence, so the windows are hashed in place rather than copied.</summary>
    public static int LeadingTitleLength(IReadOnlyList<string> tokens, int start, int count)
    {
        var titles = Gazetteers.Titles;
        int longest = Math.Min(titles.MaxTokens, count);
        Span<ulong> windows = stackalloc ulong[Math.Max(0, longest)];
        for (int n = 1; n <= longest; n++)
        {
            var word = StripThen(tokens[start + n - 1].AsSpan());
            windows[n - 1] = n == 1 ? PhraseGazetteer.HashLower(word) : PhraseGazetteer.AppendToken(windows[n - 2], word);
        }
        for (int n = longest; n >= 1; n--)
            if (titles.ContainsHash(windows[n - 1])) return n;
        // "then-U.S." or "U.S." before a title: a qualifier that belongs to the title.
        if (count > 2 && IsQualifier(StripThen(tokens[start])) && LeadingTitleLength(tokens, start + 1, count - 1) is > 0 and var rest) return 1 + rest;
        return 0;
    }

    private static string StripThen(string token)
    {
        var stripped = StripThen(token.AsSpan());
        return stripped.Length == token.Length ? token : token[^stripped.Length..];
    }

    private static ReadOnlySpan<char> StripThen(ReadOnlySpan<char> token) =>
        token.StartsWith("then-", StringComparison.OrdinalIgnoreCase) ? token[5..] :
        token.StartsWith("ex-", StringComparison.OrdinalIgnoreCase) ? token[3..] :
        token.StartsWith("former-", StringComparison.OrdinalIgnoreCase) ? token[7..] : token;

    /// <summary>A word that names a country or nationality ("Russian", "U.S.").</summary>
    public static bool IsQualifier(string token) => Gazetteers.Demonyms.ContainsWord(token) || Gazetteers.Countries.ContainsWord(token) || Alias(token) is not null;

    /// <summary>The canonical place or organisation an alias stands for, or null ("U.S." → "United States").</summary>
    public static string? Alias(string text)
    {
        // The recogniser asks this of most capitalised words it reads: a plain ASCII word's key is built on the stack.
        Span<char> key = stackalloc char[32];
        int length = PlainKey(text, key);
        if (length < 0) return _aliases.Value.GetValueOrDefault(Key(text));
        return _aliases.Value.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key[..length], out var canonical) ? canonical : null;
    }

    /// <summary><see cref="Key"/> of a short ASCII text without spaces or hyphens, written to <paramref name="key"/>
    /// (its length), or -1 when the text is not such (then only <see cref="Key"/> says).</summary>
    private static int PlainKey(string text, Span<char> key)
    {
        if (text.Length > key.Length) return -1;
        int n = 0;
        foreach (char c in text)
        {
            // Beyond ASCII a character may decompose; whitespace and hyphens are folded to spaces, which Key trims.
            if (c >= 0x80 || c == '-' || char.IsWhiteSpace(c)) return -1;
            if (c is '.' or '\'') continue;
            key[n++] = char.ToLowerInvariant(c);
        }
        return n;
    }

    /// <summary>The key a qualifier is compared by: "Russian", "Russia", "the Kremlin" → "russia".</summary>
    public static string QualifierKey(string text) => Key(Alias(text) ?? text);

    /// <summary>Lowercase, no diacritics, no full stops or apostrophes, single spaces.</summary>
    public static string Key(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is '.' or '\'' or '\u2019') continue;
            if (char.IsWhiteSpace(c) || c == '-') { if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' '); continue; }
            sb.Append(char.ToLowerInvariant(c));
        }
        var key = sb.ToString().Trim();
        return key.StartsWith("the ", StringComparison.Ordinal) ? key[4..] : key;
    }

    /// <summary>
    /// A name folded for transliteration variants: "zelenskyy", "zelenskiy", "zelensky" → "zelensky";
    /// "sergei"/"sergey" → "sergey".
    /// </summary>
    public static string Fold(string name)
    {
        // "de Vries" and "Vries" (the particle left out by the recogniser) are one surname.
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int particles = 0;
        while (particles < words.Length - 1 && IsSurnameParticle(words[particles])) particles++;
        if (particles > 0) name = string.Join(' ', words[particles..]);
        var k = Key(name).Replace(" ", "");
        if (k.EndsWith("yy", StringComparison.Ordinal)) k = k[..^1];
        else if (k.EndsWith("iy", StringComparison.Ordinal) || k.EndsWith("ij", StringComparison.Ordinal)) k = k[..^2] + "y";
        else if (k.EndsWith("ei", StringComparison.Ordinal) && k.Length > 4) k = k[..^1] + "y";
        return k.Replace("kh", "h").Replace("ph", "f");
    }

    /// <summary>Two given names or surnames that may be one name spelled two ways.</summary>
    public static bool SameName(string a, string b)
    {
        var fa = Fold(a);
        var fb = Fold(b);
        if (fa == fb) return true;
        // A single edit in a long name is a transliteration, not another person ("Zelenskiy"/"Zelensky").
        return fa.Length >= 6 && fb.Length >= 6 && char.ToLowerInvariant(fa[0]) == char.ToLowerInvariant(fb[0]) && EditDistanceAtMostOne(fa, fb);
    }

    /// <summary>Given names agree: equal, the same spelled differently, or one is the other's initial ("G." / "George").</summary>
    public static bool CompatibleGiven(string a, string b)
    {
        if (SameName(a, b)) return true;
        var ka = Key(a); var kb = Key(b);
        return (ka.Length == 1 && kb.StartsWith(ka, StringComparison.Ordinal)) || (kb.Length == 1 && ka.StartsWith(kb, StringComparison.Ordinal));
    }

    private static bool EditDistanceAtMostOne(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        int i = 0, j = 0, edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { i++; j++; continue; }
            if (++edits > 1) return false;
            if (a.Length > b.Length) i++;
            else if (b.Length > a.Length) j++;
            else { i++; j++; }
        }
        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }

    /// <summary>The type the alias table gives a name ("NATO" → ORG), or null when the name is not in it.</summary>
    public static string? AliasType(string text) => Alias(text) is { } canonical ? _aliasTypes.Value.GetValueOrDefault(canonical) : null;

    private static readonly Lazy<Dictionary<string, string>> _aliasTypes = new(() =>
        EmbeddedData.ReadLines("entities/aliases.txt").Select(l => l.Split('=', 2)[0].Trim())
            .Where(h => h.EndsWith(')') && h.Contains(" ("))
            .ToDictionary(h => h[..h.LastIndexOf(" (")], h => h[(h.LastIndexOf(" (") + 2)..^1], StringComparer.Ordinal));

    private static Dictionary<string, string> LoadAliases()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in EmbeddedData.ReadLines("entities/aliases.txt"))
        {
            var parts = line.Split('=', 2);
            if (parts.Length != 2) continue;
            var canonical = parts[0].Trim();
            if (canonical.EndsWith(')') && canonical.Contains(" (")) canonical = canonical[..canonical.LastIndexOf(" (")];
            map.TryAdd(Key(canonical), canonical);
            foreach (var alias in parts[1].Split('|')) if (alias.Trim().Length > 0) map.TryAdd(Key(alias.Trim()), canonical);
        }
        return map;
    }
}
