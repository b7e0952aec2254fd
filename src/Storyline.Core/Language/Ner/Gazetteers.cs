using Storyline.Learning;

namespace Storyline.Language.Ner;

/// <summary>
/// A list of phrases matched case-insensitively over whole tokens. Phrases are kept only as 64-bit hashes of their
/// lowercased tokens, so lists baked into a model file at training time (given names, country names) hold no text.
/// </summary>
public sealed class PhraseGazetteer
{
    private readonly HashSet<ulong> _phrases;

    public PhraseGazetteer(IEnumerable<ulong> phraseHashes, int maxTokens)
    {
        _phrases = phraseHashes.ToHashSet();
        MaxTokens = Math.Max(1, maxTokens);
    }

    public int MaxTokens { get; }
    public int Count => _phrases.Count;
    public IEnumerable<ulong> Hashes => _phrases;

    /// <summary>Builds a gazetteer from phrases written with spaces between tokens.</summary>
    public static PhraseGazetteer FromPhrases(IEnumerable<string> phrases)
    {
        var hashes = new List<ulong>();
        int max = 1;
        foreach (var phrase in phrases)
        {
            var parts = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            hashes.Add(HashTokens(parts));
            max = Math.Max(max, parts.Length);
        }
        return new PhraseGazetteer(hashes, max);
    }

    public static PhraseGazetteer FromResource(string relativePath) => FromPhrases(EmbeddedData.ReadLines(relativePath));

    public static ulong HashTokens(IReadOnlyList<string> tokens, int start = 0, int count = -1)
    {
        if (count < 0) count = tokens.Count - start;
        ulong h = 14695981039346656037UL;
        for (int i = start; i < start + count; i++)
        {
            if (i > start) h = (h ^ ' ') * 1099511628211UL;
            h = HashLower(tokens[i], h);
        }
        return h;
    }

    /// <summary>FNV-1a over the lowercased characters; curly apostrophes hash as straight ones.</summary>
    public static ulong HashLower(ReadOnlySpan<char> text, ulong h = 14695981039346656037UL)
    {
        foreach (char c0 in text)
        {
            char c = c0 == '\u2019' ? '\'' : char.ToLowerInvariant(c0);
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }

    public bool ContainsWord(string token) => _phrases.Contains(HashLower(token));

    public bool Contains(IReadOnlyList<string> tokens, int start, int count) => _phrases.Contains(HashTokens(tokens, start, count));

    /// <summary>
    /// Marks the tokens covered by the longest matches, left to right: 1 = begins a match, 2 = inside,
    /// 3 = ends it, 4 = a one-token match, 0 = none.
    /// </summary>
    public void Mark(IReadOnlyList<string> tokens, Span<byte> marks)
    {
        marks.Clear();
        for (int i = 0; i < tokens.Count;)
        {
            int found = 0;
            ulong h = 14695981039346656037UL;
            for (int n = 1; n <= MaxTokens && i + n <= tokens.Count; n++)
            {
                if (n > 1) h = (h ^ ' ') * 1099511628211UL;
                h = HashLower(tokens[i + n - 1], h);
                if (_phrases.Contains(h)) found = n;
            }
            if (found == 0) { i++; continue; }
            if (found == 1) marks[i] = 4;
            else
            {
                marks[i] = 1;
                for (int k = i + 1; k < i + found - 1; k++) marks[k] = 2;
                marks[i + found - 1] = 3;
            }
            i += found;
        }
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(MaxTokens);
        writer.Write(_phrases.Count);
        foreach (var h in _phrases.Order()) writer.Write(h);
    }

    public static PhraseGazetteer Load(BinaryReader reader)
    {
        int max = reader.ReadInt32();
        int count = reader.ReadInt32();
        var hashes = new ulong[count];
        for (int i = 0; i < count; i++) hashes[i] = reader.ReadUInt64();
        return new PhraseGazetteer(hashes, max);
    }
}

/// <summary>The gazetteers that ship as data files in <c>Resources/gazetteers/</c>, loaded once.</summary>
public static class Gazetteers
{
    private static readonly Lazy<PhraseGazetteer> _titles = new(() => PhraseGazetteer.FromResource("gazetteers/titles.txt"));
    private static readonly Lazy<PhraseGazetteer> _countries = new(() => PhraseGazetteer.FromResource("gazetteers/countries.txt"));
    private static readonly Lazy<PhraseGazetteer> _cities = new(() => PhraseGazetteer.FromResource("gazetteers/cities.txt"));
    private static readonly Lazy<PhraseGazetteer> _regions = new(() => PhraseGazetteer.FromResource("gazetteers/regions.txt"));
    private static readonly Lazy<PhraseGazetteer> _locRegions = new(() => PhraseGazetteer.FromResource("gazetteers/loc-regions.txt"));
    private static readonly Lazy<PhraseGazetteer> _locationFeatures = new(() => PhraseGazetteer.FromResource("gazetteers/location-features.txt"));
    private static readonly Lazy<PhraseGazetteer> _demonyms = new(() => PhraseGazetteer.FromResource("gazetteers/demonyms.txt"));
    private static readonly Lazy<PhraseGazetteer> _orgWords = new(() => PhraseGazetteer.FromResource("gazetteers/org-words.txt"));

    /// <summary>Titles and roles: "President", "special envoy", "Press Secretary".</summary>
    public static PhraseGazetteer Titles => _titles.Value;
    public static PhraseGazetteer Countries => _countries.Value;
    public static PhraseGazetteer Cities => _cities.Value;
    /// <summary>States and provinces (political entities).</summary>
    public static PhraseGazetteer Regions => _regions.Value;
    /// <summary>Continents, seas and wide regions: LOC rather than GPE.</summary>
    public static PhraseGazetteer LocationRegions => _locRegions.Value;
    /// <summary>Last words of natural or built places ("River", "Airport").</summary>
    public static PhraseGazetteer LocationFeatures => _locationFeatures.Value;
    /// <summary>Nationalities and religious or political groups (NORP).</summary>
    public static PhraseGazetteer Demonyms => _demonyms.Value;
    public static PhraseGazetteer OrganizationWords => _orgWords.Value;
}
