using Storyline.Learning;

namespace Storyline.Language.Ner;

/// <summary>
/// A list of phrases matched case-insensitively over whole tokens. Phrases are kept only as 64-bit hashes of their
/// lowercased tokens, so lists baked into a model file at training time (given names, country names) hold no text.
/// </summary>
public sealed class PhraseGazetteer
{
    private readonly HashSet<ulong> _phrases;

    /// <param name="prefixHashes">The hashes of every phrase's proper prefixes ("united" and "united arab" for "united
    /// arab emirates"), which let a matcher stop reading a window early; null when not known (older model files).</param>
    public PhraseGazetteer(IEnumerable<ulong> phraseHashes, int maxTokens, IEnumerable<ulong>? prefixHashes = null)
    {
        _phrases = phraseHashes.ToHashSet();
        MaxTokens = Math.Max(1, maxTokens);
        Prefixes = MaxTokens == 1 ? [] : prefixHashes?.ToHashSet();
    }

    /// <summary>Hashes of the proper prefixes of the phrases, or null when not known.</summary>
    public IReadOnlySet<ulong>? Prefixes { get; }

    public int MaxTokens { get; }
    public int Count => _phrases.Count;
    public IEnumerable<ulong> Hashes => _phrases;

    /// <summary>Builds a gazetteer from phrases written with spaces between tokens.</summary>
    public static PhraseGazetteer FromPhrases(IEnumerable<string> phrases)
    {
        var hashes = new List<ulong>();
        var prefixes = new List<ulong>();
        int max = 1;
        foreach (var phrase in phrases)
        {
            var parts = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            hashes.Add(HashTokens(parts));
            for (int n = 1; n < parts.Length; n++) prefixes.Add(HashTokens(parts, 0, n));
            max = Math.Max(max, parts.Length);
        }
        return new PhraseGazetteer(hashes, max, prefixes);
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

    /// <summary>Whether a phrase has this hash (<see cref="HashTokens"/>, or <see cref="HashLower"/> then
    /// <see cref="AppendToken"/>): for callers that hash windows without copying their tokens.</summary>
    public bool ContainsHash(ulong phraseHash) => _phrases.Contains(phraseHash);

    /// <summary>The hash of a phrase one token longer, as <see cref="HashTokens"/> joins tokens.</summary>
    public static ulong AppendToken(ulong phraseHash, ReadOnlySpan<char> token) => HashLower(token, (phraseHash ^ ' ') * 1099511628211UL);

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
            MarkMatch(marks, i, found);
            i += found;
        }
    }

    /// <summary>Writes one match of <paramref name="length"/> tokens at <paramref name="start"/> in the marks of
    /// <see cref="Mark"/> (1 begins, 2 inside, 3 ends, 4 one token), over whatever the span held there.</summary>
    internal static void MarkMatch(Span<byte> marks, int start, int length)
    {
        if (length == 1) { marks[start] = 4; return; }
        marks[start] = 1;
        marks.Slice(start + 1, length - 2).Fill(2);
        marks[start + length - 1] = 3;
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
        return new PhraseGazetteer(ReadHashes(reader)!, max);
    }

    /// <summary>Writes the prefix hashes (-1 when not known), after <see cref="Save"/>.</summary>
    public void SavePrefixes(BinaryWriter writer)
    {
        writer.Write(Prefixes?.Count ?? -1);
        if (Prefixes is not null) foreach (var h in Prefixes.Order()) writer.Write(h);
    }

    /// <summary>This gazetteer with the prefix hashes that <see cref="SavePrefixes"/> wrote.</summary>
    public PhraseGazetteer LoadPrefixes(BinaryReader reader) => new(_phrases, MaxTokens, ReadHashes(reader));

    private static ulong[]? ReadHashes(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0) return null;
        var hashes = new ulong[count];
        for (int i = 0; i < hashes.Length; i++) hashes[i] = reader.ReadUInt64();
        return hashes;
    }
}

/// <summary>
/// Several gazetteers matched in one pass: each window of tokens is hashed once for all of them, and a window
/// grows only while it is the beginning of some phrase. Gives, gazetteer by gazetteer, exactly the marks of
/// <see cref="PhraseGazetteer.Mark"/>.
/// </summary>
internal sealed class GazetteerMatcher
{
    private const uint PrefixBit = 1u << 31;
    // Per hash: bit g = a phrase of gazetteer g; PrefixBit = a proper prefix of a phrase.
    private readonly Dictionary<ulong, uint> _entries = new();
    // Windows are read this long whatever their prefix: the longest phrase of the gazetteers whose prefixes are unknown.
    private readonly int _blindLength;
    private readonly int _longest;

    public GazetteerMatcher(IReadOnlyList<PhraseGazetteer> gazetteers)
    {
        if (gazetteers.Count > 31) throw new ArgumentException("at most 31 gazetteers", nameof(gazetteers));
        Count = gazetteers.Count;
        for (int g = 0; g < gazetteers.Count; g++)
        {
            var gazetteer = gazetteers[g];
            foreach (var h in gazetteer.Hashes) _entries[h] = _entries.GetValueOrDefault(h) | 1u << g;
            if (gazetteer.Prefixes is null) _blindLength = Math.Max(_blindLength, gazetteer.MaxTokens);
            else foreach (var h in gazetteer.Prefixes) _entries[h] = _entries.GetValueOrDefault(h) | PrefixBit;
            _longest = Math.Max(_longest, gazetteer.MaxTokens);
        }
    }

    public int Count { get; }

    /// <summary>
    /// Fills <paramref name="marks"/> (gazetteer g's mark of token i at g * tokens + i, as in
    /// <see cref="PhraseGazetteer.Mark"/>), given each token's <see cref="PhraseGazetteer.HashLower"/>.
    /// </summary>
    public void Mark(IReadOnlyList<string> tokens, ReadOnlySpan<ulong> lower, Span<byte> marks)
    {
        int count = tokens.Count;
        marks[..(Count * count)].Clear();
        // First, the longest match of each gazetteer at each token, kept in the marks until they are laid out.
        bool any = false;
        for (int i = 0; i < count; i++)
        {
            ulong h = lower[i];
            for (int length = 1; ; length++)
            {
                uint entry = _entries.GetValueOrDefault(h);
                for (uint bits = entry & ~PrefixBit; bits != 0; bits &= bits - 1)
                {
                    marks[System.Numerics.BitOperations.TrailingZeroCount(bits) * count + i] = (byte)length;
                    any = true;
                }
                if (length >= _longest || i + length >= count || ((entry & PrefixBit) == 0 && length >= _blindLength)) break;
                h = PhraseGazetteer.HashLower(tokens[i + length], (h ^ ' ') * 1099511628211UL);
            }
        }
        if (!any) return;
        for (int g = 0; g < Count; g++)
        {
            var row = marks.Slice(g * count, count);
            for (int i = 0; i < count;)
            {
                int found = row[i];
                if (found == 0) { i++; continue; }
                // Matches starting inside this one are overwritten and skipped (leftmost longest, as PhraseGazetteer.Mark).
                PhraseGazetteer.MarkMatch(row, i, found);
                i += found;
            }
        }
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
    private static readonly Lazy<PhraseGazetteer> _groupWords = new(() =>
        PhraseGazetteer.FromPhrases(EmbeddedData.ReadLines("gazetteers/demonyms.txt").Concat(EmbeddedData.ReadLines("gazetteers/group-words.txt"))));
    private static readonly Lazy<PhraseGazetteer> _placeParts = new(() => PhraseGazetteer.FromResource("gazetteers/place-parts.txt"));
    private static readonly Lazy<PhraseGazetteer> _placeWords = new(() =>
        PhraseGazetteer.FromPhrases(EmbeddedData.ReadLines("gazetteers/location-features.txt").Concat(EmbeddedData.ReadLines("gazetteers/place-words.txt"))));

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
    /// <summary>Demonyms and other group words ("Orthodox", "Sunni"), for rules (not model features).</summary>
    public static PhraseGazetteer GroupWords => _groupWords.Value;
    /// <summary>Location words and other last words of places ("Creek", "Center"), for rules (not model features).</summary>
    public static PhraseGazetteer PlaceWords => _placeWords.Value;
    /// <summary>Words that continue a place into a related place ("City", "Beach", "Strip"), for rules (not model features).</summary>
    public static PhraseGazetteer PlaceParts => _placeParts.Value;
}
