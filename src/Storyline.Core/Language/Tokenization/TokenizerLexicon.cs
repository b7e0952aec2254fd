using Storyline.Learning;

namespace Storyline.Language.Tokenization;

/// <summary>How an abbreviation behaves at a possible sentence end.</summary>
public enum AbbreviationKind
{
    /// <summary>May end a sentence ("Pa.", "Inc.", "U.S.").</summary>
    Other,
    /// <summary>Precedes a name and never ends a sentence ("Dr.", "Sen.").</summary>
    Title,
    /// <summary>A month ("Sept."), which never ends a sentence before a number.</summary>
    Month,
    /// <summary>Usually ends a clause ("5 p.m.", "Acme Inc."), so a capitalised word after it opens a sentence.</summary>
    Final,
}

/// <summary>
/// The word lists the tokenizer and the sentence splitter read from <c>Resources/language/</c>. Lookups take spans,
/// so the scanners never allocate a string to ask whether a piece of text is a known abbreviation.
/// </summary>
public sealed class TokenizerLexicon
{
    private readonly Dictionary<string, AbbreviationKind>.AlternateLookup<ReadOnlySpan<char>> _abbreviations;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _hyphenPrefixes;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _contractions;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _sentenceOpeners;

    private static readonly Lazy<TokenizerLexicon> Shared = new(() => new TokenizerLexicon(
        EmbeddedData.ReadLines("language/abbreviations.txt"),
        EmbeddedData.ReadLines("language/hyphen-prefixes.txt"),
        EmbeddedData.ReadLines("language/contractions.txt"),
        EmbeddedData.ReadLines("language/sentence-openers.txt")));

    /// <summary>The lexicon shipped with Storyline.</summary>
    public static TokenizerLexicon Default => Shared.Value;

    public TokenizerLexicon(IEnumerable<string> abbreviationLines, IEnumerable<string> hyphenPrefixes,
        IEnumerable<string> contractionLines, IEnumerable<string> sentenceOpeners)
    {
        var abbreviations = new Dictionary<string, AbbreviationKind>(StringComparer.Ordinal);
        foreach (var line in abbreviationLines)
        {
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var kind = parts.Length > 1 ? parts[1] switch
            {
                "title" => AbbreviationKind.Title,
                "month" => AbbreviationKind.Month,
                "other" => AbbreviationKind.Other,
                "final" => AbbreviationKind.Final,
                _ => throw new FormatException($"abbreviations.txt: unknown class '{parts[1]}' for '{parts[0]}'"),
            } : AbbreviationKind.Other;
            abbreviations[parts[0]] = kind;
        }
        _abbreviations = abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

        _hyphenPrefixes = new HashSet<string>(hyphenPrefixes, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

        var contractions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in contractionLines)
        {
            int bar = line.IndexOf('|');
            if (bar <= 0 || bar == line.Length - 1) throw new FormatException($"contractions.txt: '{line}' needs one bar inside the word");
            contractions[line.Replace("|", "")] = bar;
        }
        _contractions = contractions.GetAlternateLookup<ReadOnlySpan<char>>();

        _sentenceOpeners = new HashSet<string>(sentenceOpeners, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGetAbbreviation(ReadOnlySpan<char> word, out AbbreviationKind kind) => _abbreviations.TryGetValue(word, out kind);

    public bool IsHyphenPrefix(ReadOnlySpan<char> word) => _hyphenPrefixes.Contains(word);

    /// <summary>Where a closed contraction such as "cannot" splits, or 0 when the word is not one.</summary>
    public int ContractionSplit(ReadOnlySpan<char> word) => _contractions.TryGetValue(word, out int at) ? at : 0;

    public bool IsSentenceOpener(ReadOnlySpan<char> word) => _sentenceOpeners.Contains(word);
}
