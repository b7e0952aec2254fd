namespace Storyline.Language.Pos;

/// <summary>
/// The universal tags each known word (normalised: lower case, digits as 0) was seen with in training, as a bit set:
/// "ambiguity classes" such as {ADP, SCONJ} for "before". Unknown words have class 0.
/// </summary>
internal sealed class AmbiguityLexicon
{
    private readonly Dictionary<string, uint> _classes;
    private readonly Dictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public AmbiguityLexicon(Dictionary<string, uint> classes)
    {
        _classes = new Dictionary<string, uint>(classes, StringComparer.Ordinal);
        _lookup = _classes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Set in every class, so that a known word seen with no tag often enough still differs from an unknown word.</summary>
    public const uint Known = 1u << 31;
    /// <summary>Set in the classes guessed from the tagger's own tags on untagged text, which are less sure than seen ones.</summary>
    public const uint Guessed = 1u << 30;

    public IReadOnlyDictionary<string, uint> Classes => _classes;

    /// <summary>This lexicon with <paramref name="more"/>'s classes for the words it lacks.</summary>
    public AmbiguityLexicon Extended(IReadOnlyDictionary<string, uint> more)
    {
        var classes = new Dictionary<string, uint>(_classes, StringComparer.Ordinal);
        foreach (var (word, mask) in more) classes.TryAdd(word, mask);
        return new AmbiguityLexicon(classes);
    }

    public uint Lookup(ReadOnlySpan<char> normalised) => _lookup.TryGetValue(normalised, out var c) ? c : 0u;

    public static string Normalise(string word)
    {
        Span<char> buffer = stackalloc char[SentenceWords.MaxLength];
        return SentenceWords.Normalised(word, buffer).ToString();
    }
}

/// <summary>
/// Hashes of each word of a sentence (form, normalised form, shape, affixes), computed once per sentence so that
/// the feature templates only combine numbers. Normalisation lower-cases and maps digits to 0, so "1,250" and
/// "3,000" look alike.
/// </summary>
internal sealed class SentenceWords
{
    public int Length { get; private set; }
    private ulong[] _exact = [], _norm = [], _shape = [], _cluster = [], _ambiguity = [];
    private uint[] _path = [];
    private ulong[][] _suffix = [], _prefix = [];
    public const int MaxSuffix = 4, MaxPrefix = 3;

    private static readonly ulong[] StartPads = [Pad(1), Pad(2)];
    private static readonly ulong EndPad1 = Pad(3), EndPad2 = Pad(4);

    private static ulong Pad(uint n) => 0xA5A5_0000_0000_0000UL | n;

    public static void Normalise(ReadOnlySpan<char> word, Span<char> into)
    {
        for (int k = 0; k < word.Length; k++)
        {
            char c = word[k];
            into[k] = char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c);
        }
    }

    /// <summary>How many characters of a word are hashed and normalised; longer words are cut.</summary>
    public const int MaxLength = 64;

    /// <summary>The normalised form of the word's first <see cref="MaxLength"/> characters, written into <paramref name="buffer"/>.</summary>
    public static Span<char> Normalised(string word, Span<char> buffer)
    {
        var form = word.AsSpan(0, Math.Min(word.Length, MaxLength));
        var norm = buffer[..form.Length];
        Normalise(form, norm);
        return norm;
    }

    public void Load(IReadOnlyList<string> words, AmbiguityLexicon lexicon, WordClusters clusters)
    {
        int n = words.Count;
        Reset(n);
        Span<char> buffer = stackalloc char[MaxLength];
        for (int i = 0; i < n; i++)
        {
            var norm = Normalised(words[i], buffer);
            Fill(i, words[i], norm, lexicon.Lookup(norm), clusters.Lookup(norm));
        }
    }

    /// <summary>Loads a one-word sentence whose ambiguity class and cluster path the caller has already looked up.</summary>
    public void LoadOne(string word, uint ambiguity, uint path)
    {
        Reset(1);
        Span<char> buffer = stackalloc char[MaxLength];
        Fill(0, word, Normalised(word, buffer), ambiguity, path);
    }

    private void Fill(int i, string text, ReadOnlySpan<char> norm, uint ambiguity, uint path)
    {
        var word = text.AsSpan(0, norm.Length);
        _exact[i] = Hashing.Fnv1a(word);
        _norm[i] = Hashing.Fnv1a(norm);
        _ambiguity[i] = ambiguity;
        _path[i] = path;
        for (int k = 1; k <= MaxSuffix; k++) _suffix[k - 1][i] = Hashing.Fnv1a(norm[Math.Max(0, norm.Length - k)..]);
        for (int k = 1; k <= MaxPrefix; k++) _prefix[k - 1][i] = Hashing.Fnv1a(norm[..Math.Min(k, norm.Length)]);
        _shape[i] = Shape(word);
        _cluster[i] = WordClass(word);
    }

    /// <summary>Starts a sentence of <paramref name="n"/> words whose values are then given by <see cref="Set"/>.</summary>
    public void Reset(int n)
    {
        Length = n;
        if (_exact.Length < n || _suffix.Length == 0)
        {
            int size = Math.Max(Math.Max(n, 16), 2 * _exact.Length);
            _exact = new ulong[size]; _norm = new ulong[size]; _shape = new ulong[size]; _cluster = new ulong[size]; _ambiguity = new ulong[size];
            _path = new uint[size];
            _suffix = Enumerable.Range(0, MaxSuffix).Select(_ => new ulong[size]).ToArray();
            _prefix = Enumerable.Range(0, MaxPrefix).Select(_ => new ulong[size]).ToArray();
        }
    }

    /// <summary>The values the context features read, for a word at position <paramref name="i"/>.</summary>
    public readonly record struct ContextValues(ulong Exact, ulong Norm, ulong Class, ulong Ambiguity, ulong Suffix2, ulong Suffix3);

    public ContextValues ContextAt(int i) => new(_exact[i], _norm[i], _cluster[i], _ambiguity[i], _suffix[1][i], _suffix[2][i]);

    /// <summary>Sets the context values of a word (the tagger caches them per word instead of rehashing it).</summary>
    public void Set(int i, in ContextValues v)
    {
        _exact[i] = v.Exact; _norm[i] = v.Norm; _cluster[i] = v.Class; _ambiguity[i] = v.Ambiguity;
        _suffix[1][i] = v.Suffix2; _suffix[2][i] = v.Suffix3;
    }

    public ulong Exact(int i) => At(_exact, i);
    public ulong Norm(int i) => At(_norm, i);
    public ulong Shape(int i) => At(_shape, i);
    public ulong Class(int i) => At(_cluster, i);
    public ulong Ambiguity(int i) => At(_ambiguity, i);
    /// <summary>The first <paramref name="bits"/> bits of the word's cluster path (padding positions have their own values).</summary>
    public ulong Cluster(int bits, int i) => i < 0 || i >= Length ? At(_exact, i) : WordClusters.Prefix(_path[i], bits);
    public ulong Suffix(int k, int i) => At(_suffix[k - 1], i);
    public ulong Prefix(int k, int i) => At(_prefix[k - 1], i);

    private ulong At(ulong[] values, int i) =>
        i < 0 ? StartPads[Math.Min(-i, 2) - 1] : i >= Length ? (i == Length ? EndPad1 : EndPad2) : values[i];

    /// <summary>The word's shape with runs collapsed: "Trump" → Xx, "U.S." → X.X., "12,000" → d,d, "e-mail" → x-x.</summary>
    private static ulong Shape(ReadOnlySpan<char> word)
    {
        ulong h = 14695981039346656037UL;
        char last = '\0';
        int written = 0;
        foreach (char c in word)
        {
            char kind = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : char.IsLetter(c) ? 'l' : c;
            if (kind == last) continue;
            last = kind;
            h = (h ^ kind) * 1099511628211UL;
            if (++written == 8) break;
        }
        return h;
    }

    /// <summary>A coarse class of the whole word: capitalisation, digits, hyphens, length.</summary>
    private static ulong WordClass(ReadOnlySpan<char> word)
    {
        bool upper = false, lower = false, digit = false, hyphen = false, other = false;
        foreach (char c in word)
        {
            if (char.IsUpper(c)) upper = true;
            else if (char.IsLower(c)) lower = true;
            else if (char.IsDigit(c)) digit = true;
            else if (c == '-') hyphen = true;
            else other = true;
        }
        int length = Math.Min(word.Length, 8);
        int caps = word.Length > 0 && char.IsUpper(word[0]) ? (lower ? 1 : 2) : upper ? 3 : 0;
        return (ulong)(length | caps << 4 | (digit ? 1 : 0) << 6 | (hyphen ? 1 : 0) << 7 | (other ? 1 : 0) << 8 | (lower ? 1 : 0) << 9);
    }
}

/// <summary>Builds the hashed feature vectors of the two tagging passes.</summary>
internal static class PosFeatures
{
    public const int MaxFeatures = 64;

    private static ulong T(int template) => (ulong)template * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;
    private static ulong F(int template, ulong a) => Hashing.Combine(T(template), a);
    private static ulong F(int template, ulong a, ulong b) => Hashing.Combine(Hashing.Combine(T(template), a), b);
    private static ulong F(int template, ulong a, ulong b, ulong c) => Hashing.Combine(Hashing.Combine(Hashing.Combine(T(template), a), b), c);

    /// <summary>A tag at a position, with distinct values before the sentence start and for "not yet tagged".</summary>
    private static ulong Tag(ReadOnlySpan<int> tags, int i) => i < 0 ? 1000UL + (ulong)(-i) : i >= tags.Length ? 2000UL + (ulong)(i - tags.Length) : (ulong)(tags[i] + 1);

    /// <summary>The positions, relative to the tagged word, whose words contribute features of their own.</summary>
    public static readonly int[] RoleOffsets = [0, -1, 1, -2, 2];
    public const int RoleCount = 5;

    /// <summary>Cluster path prefix lengths of the word itself: coarse to whole path.</summary>
    private static readonly int[] ClusterBits = [4, 6, 8, 10, 32];

    /// <summary>
    /// The features that depend on one word alone, given the role it plays for the tagged word (role 0: the word
    /// itself; then the previous, next, second previous and second next word). They are the same wherever the
    /// word occurs, so the tagger can cache their summed weights per word.
    /// </summary>
    public static int WordFeatures(SentenceWords w, int j, int role, Span<ulong> into)
    {
        int n = 0;
        switch (role)
        {
            case 0:
                into[n++] = T(0);
                into[n++] = F(1, w.Norm(j));
                into[n++] = F(2, w.Exact(j));
                for (int k = 1; k <= SentenceWords.MaxSuffix; k++) into[n++] = F(2 + k, w.Suffix(k, j));
                for (int k = 1; k <= SentenceWords.MaxPrefix; k++) into[n++] = F(6 + k, w.Prefix(k, j));
                into[n++] = F(10, w.Shape(j));
                into[n++] = F(11, w.Class(j));
                into[n++] = F(30, w.Ambiguity(j));
                into[n++] = F(35, w.Ambiguity(j), w.Suffix(3, j));
                foreach (var bits in ClusterBits) into[n++] = F(50 + bits, w.Cluster(bits, j));
                break;
            case 1:
                into[n++] = F(12, w.Norm(j));
                into[n++] = F(16, w.Suffix(3, j));
                into[n++] = F(18, w.Shape(j));
                into[n++] = F(31, w.Ambiguity(j));
                into[n++] = F(80, w.Cluster(6, j));
                into[n++] = F(81, w.Cluster(32, j));
                break;
            case 2:
                into[n++] = F(14, w.Norm(j));
                into[n++] = F(17, w.Suffix(3, j));
                into[n++] = F(19, w.Shape(j));
                into[n++] = F(32, w.Ambiguity(j));
                into[n++] = F(82, w.Cluster(6, j));
                into[n++] = F(83, w.Cluster(32, j));
                break;
            case 3:
                into[n++] = F(13, w.Norm(j));
                break;
            case 4:
                into[n++] = F(15, w.Norm(j));
                break;
        }
        return n;
    }

    /// <summary>
    /// The features that combine the tagged word with its neighbours or with tags: the tags already given on the
    /// left, word pairs, and — in the second pass — the first pass's tags on the right.
    /// </summary>
    public static int Context(SentenceWords w, int i, ReadOnlySpan<int> left, ReadOnlySpan<int> right, Span<ulong> into)
    {
        int n = 0;
        into[n++] = F(20, Tag(left, i - 1));
        into[n++] = F(21, Tag(left, i - 2), Tag(left, i - 1));
        into[n++] = F(22, Tag(left, i - 1), w.Norm(i));
        into[n++] = F(23, w.Norm(i - 1), w.Norm(i));
        into[n++] = F(24, w.Norm(i), w.Norm(i + 1));
        into[n++] = F(25, i == 0 ? 1UL : 0UL, w.Class(i));
        into[n++] = F(26, Tag(left, i - 1), w.Suffix(3, i));
        into[n++] = F(27, w.Class(i - 1), w.Class(i), w.Class(i + 1));
        into[n++] = F(28, w.Norm(i + 1), w.Norm(i + 2));
        into[n++] = F(29, w.Norm(i - 1), w.Norm(i + 1));
        into[n++] = F(33, w.Ambiguity(i), Tag(left, i - 1));
        into[n++] = F(34, w.Ambiguity(i), w.Ambiguity(i + 1));
        if (!right.IsEmpty)
        {
            into[n++] = F(40, Tag(right, i + 1));
            into[n++] = F(41, Tag(right, i + 1), Tag(right, i + 2));
            into[n++] = F(42, Tag(left, i - 1), Tag(right, i + 1));
            into[n++] = F(43, Tag(right, i + 1), w.Norm(i));
            into[n++] = F(44, Tag(right, i + 1), w.Suffix(3, i));
        }
        return n;
    }

    /// <summary>All universal tag features of word <paramref name="i"/>: its own and its neighbours' word features, and the context features.</summary>
    public static int Universal(SentenceWords w, int i, ReadOnlySpan<int> left, ReadOnlySpan<int> right, Span<ulong> into)
    {
        int n = 0;
        for (int role = 0; role < RoleCount; role++) n += WordFeatures(w, i + RoleOffsets[role], role, into[n..]);
        return n + Context(w, i, left, right, into[n..]);
    }

    /// <summary>Penn features that depend on the word and its universal tag alone (cacheable per word and tag).</summary>
    public static int PennWord(SentenceWords w, int i, ulong universal, Span<ulong> into)
    {
        int n = 0;
        into[n++] = F(100, universal);
        into[n++] = F(101, universal, w.Norm(i));
        into[n++] = F(102, universal, w.Exact(i));
        for (int k = 1; k <= 3; k++) into[n++] = F(102 + k, universal, w.Suffix(k, i));
        into[n++] = F(106, universal, w.Shape(i));
        return n;
    }

    /// <summary>Penn features that depend on the context: the universal tags around, the Penn tags on the left, nearby words.</summary>
    public static int PennContext(SentenceWords w, int i, ReadOnlySpan<int> universal, ReadOnlySpan<int> left, Span<ulong> into)
    {
        int n = 0;
        ulong u = Tag(universal, i);
        into[n++] = F(107, u, Tag(universal, i - 1));
        into[n++] = F(108, u, Tag(universal, i + 1));
        into[n++] = F(109, u, Tag(universal, i - 1), Tag(universal, i - 2));
        into[n++] = F(110, u, w.Norm(i - 1));
        into[n++] = F(111, u, w.Norm(i - 2));
        into[n++] = F(112, u, w.Norm(i + 1));
        into[n++] = F(113, u, Tag(left, i - 1));
        into[n++] = F(114, u, Tag(left, i - 1), Tag(left, i - 2));
        into[n++] = F(115, u, w.Norm(i - 1), w.Norm(i));
        into[n++] = F(116, u, i == 0 ? 1UL : 0UL, w.Class(i));
        into[n++] = F(117, u, Tag(universal, i + 1), Tag(universal, i + 2));
        into[n++] = F(118, u, Tag(left, i - 1), w.Suffix(2, i));
        return n;
    }

    /// <summary>All Penn Treebank tag features: the word and its ending under its universal tag, and the context.</summary>
    public static int Penn(SentenceWords w, int i, ReadOnlySpan<int> universal, ReadOnlySpan<int> left, Span<ulong> into)
    {
        int n = PennWord(w, i, UniversalValue(universal, i), into);
        return n + PennContext(w, i, universal, left, into[n..]);
    }

    public static ulong UniversalValue(ReadOnlySpan<int> universal, int i) => Tag(universal, i);
}
