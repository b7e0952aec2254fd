using System.Numerics.Tensors;

namespace Storyline.Language.Pos;

/// <summary>
/// Hierarchical word clusters learned from unlabeled text: each frequent word (normalised: lower case, digits as 0)
/// has a bit-string path, and words whose paths share a long prefix occur in similar contexts. The tagger uses
/// path prefixes as features, so a word it never saw tagged still looks like the tagged words it clusters with.
/// A path is stored as a number with a leading 1 bit ("1" + path), so its length is implicit.
/// </summary>
internal sealed class WordClusters
{
    private readonly Dictionary<string, uint> _paths;
    private readonly Dictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public static WordClusters Empty { get; } = new(new Dictionary<string, uint>());

    public WordClusters(Dictionary<string, uint> paths)
    {
        _paths = new Dictionary<string, uint>(paths, StringComparer.Ordinal);
        _lookup = _paths.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyDictionary<string, uint> Paths => _paths;

    /// <summary>The word's path with its leading 1 bit, or 0 for a word without a cluster.</summary>
    public uint Lookup(ReadOnlySpan<char> normalised) => _lookup.TryGetValue(normalised, out var p) ? p : 0u;

    /// <summary>The first <paramref name="length"/> bits of a path (the whole path when shorter), as a feature value.</summary>
    public static ulong Prefix(uint path, int length)
    {
        if (path == 0) return 0xC1C1_0000_0000_0000UL;
        int bits = 31 - System.Numerics.BitOperations.LeadingZeroCount(path);
        return bits <= length ? path : path >> (bits - length);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_paths.Count);
        foreach (var (word, path) in _paths.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.Write(word);
            writer.Write(path);
        }
    }

    public static WordClusters Read(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        var paths = new Dictionary<string, uint>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            var word = reader.ReadString();
            paths[word] = reader.ReadUInt32();
        }
        return new WordClusters(paths);
    }

    /// <summary>
    /// Builds clusters by top-down bisection: every word at least <paramref name="minimumCount"/> times in
    /// <paramref name="sentences"/> is described by the distributions of its left and right neighbours (over the
    /// <paramref name="contextWords"/> most frequent words, square-rooted so that distances are Hellinger distances),
    /// then the vocabulary is split in two by 2-means, each half again, down to <paramref name="depth"/> bits.
    /// Deterministic: ties and initial centres are chosen by frequency, then ordinal order.
    /// </summary>
    public static WordClusters Build(IEnumerable<string[]> sentences, int minimumCount, int contextWords, int depth)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var corpus = new List<string[]>();
        foreach (var sentence in sentences)
        {
            var normalised = sentence.Select(AmbiguityLexicon.Normalise).ToArray();
            corpus.Add(normalised);
            foreach (var w in normalised) counts[w] = counts.GetValueOrDefault(w) + 1;
        }
        var byFrequency = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var vocabulary = byFrequency.TakeWhile(kv => kv.Value >= minimumCount).Select(kv => kv.Key).ToArray();
        var index = vocabulary.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal);
        // First round: a neighbour is one of the most frequent words, the sentence edge, or "any other word".
        var paths = Bisect(Vectors(corpus, index, vocabulary.Length, contextWords + 2,
            (s, j) => j < 0 || j >= s.Length ? contextWords : index.TryGetValue(s[j], out var c) && c < contextWords ? c : contextWords + 1), depth);
        // Second round: a less frequent neighbour is described by its first-round cluster instead of "any other
        // word", which gives rare words (whose few contexts are mostly rare words) a usable description.
        const int coarseBits = 7;
        int top = contextWords / 3;
        paths = Bisect(Vectors(corpus, index, vocabulary.Length, top + 2 + (1 << coarseBits),
            (s, j) => j < 0 || j >= s.Length ? top : !index.TryGetValue(s[j], out var c) ? top + 1
                : c < top ? c : top + 2 + (int)(WordClusters.Prefix(paths[c], coarseBits) & ((1u << coarseBits) - 1))), depth);
        return new WordClusters(vocabulary.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => paths[x.i], StringComparer.Ordinal));
    }

    /// <summary>Each word's left and right neighbour distributions over <paramref name="side"/> context values, square-rooted.</summary>
    private static float[][] Vectors(List<string[]> corpus, Dictionary<string, int> index, int words, int side, Func<string[], int, int> context)
    {
        var vectors = new float[words][];
        for (int i = 0; i < vectors.Length; i++) vectors[i] = new float[2 * side];
        foreach (var s in corpus)
            for (int j = 0; j < s.Length; j++)
            {
                if (!index.TryGetValue(s[j], out var w)) continue;
                vectors[w][context(s, j - 1)]++;
                vectors[w][side + context(s, j + 1)]++;
            }
        foreach (var v in vectors)
        {
            Hellinger(v.AsSpan(0, side));
            Hellinger(v.AsSpan(side));
        }
        return vectors;
    }

    /// <summary>Splits the vocabulary (most frequent first) in two, each half again, down to <paramref name="depth"/> bits.</summary>
    private static uint[] Bisect(float[][] vectors, int depth)
    {
        int dimensions = vectors.Length == 0 ? 0 : vectors[0].Length;
        var paths = new uint[vectors.Length];
        Array.Fill(paths, 1u);
        var pending = new Stack<(int[] Members, int Depth)>();
        pending.Push((Enumerable.Range(0, vectors.Length).ToArray(), 0));
        var centre = new float[2][] { new float[dimensions], new float[dimensions] };
        while (pending.Count > 0)
        {
            var (members, level) = pending.Pop();
            if (level >= depth || members.Length < 2) continue;
            var side1 = TwoMeans(members, vectors, centre);
            if (side1.Length == 0 || side1.Length == members.Length) continue;
            var inSide1 = new HashSet<int>(side1);
            var side0 = members.Where(m => !inSide1.Contains(m)).ToArray();
            foreach (var m in side0) paths[m] <<= 1;
            foreach (var m in side1) paths[m] = paths[m] << 1 | 1u;
            pending.Push((side1, level + 1));
            pending.Push((side0, level + 1));
        }
        return paths;
    }

    private static void Hellinger(Span<float> counts)
    {
        float total = TensorPrimitives.Sum(counts);
        if (total <= 0) return;
        for (int k = 0; k < counts.Length; k++) counts[k] = MathF.Sqrt(counts[k] / total);
    }

    /// <summary>2-means over the members (listed most frequent first); returns the members of the second cluster.</summary>
    private static int[] TwoMeans(int[] members, float[][] vectors, float[][] centre)
    {
        // Start from the most frequent word and the word least like it.
        vectors[members[0]].CopyTo(centre[0], 0);
        int far = members[1];
        float lowest = float.MaxValue;
        foreach (var m in members)
        {
            float d = TensorPrimitives.Dot(vectors[m], centre[0]);
            if (d < lowest) { lowest = d; far = m; }
        }
        vectors[far].CopyTo(centre[1], 0);
        var assignment = new bool[members.Length];
        for (int iteration = 0; iteration < 10; iteration++)
        {
            float norm0 = TensorPrimitives.Dot(centre[0], centre[0]), norm1 = TensorPrimitives.Dot(centre[1], centre[1]);
            bool changed = false;
            for (int k = 0; k < members.Length; k++)
            {
                var v = vectors[members[k]];
                bool second = norm1 - 2 * TensorPrimitives.Dot(v, centre[1]) < norm0 - 2 * TensorPrimitives.Dot(v, centre[0]);
                changed |= second != assignment[k];
                assignment[k] = second;
            }
            if (!changed && iteration > 0) break;
            Array.Clear(centre[0]);
            Array.Clear(centre[1]);
            int n0 = 0, n1 = 0;
            for (int k = 0; k < members.Length; k++)
            {
                if (assignment[k]) { TensorPrimitives.Add(centre[1], vectors[members[k]], centre[1]); n1++; }
                else { TensorPrimitives.Add(centre[0], vectors[members[k]], centre[0]); n0++; }
            }
            if (n0 == 0 || n1 == 0) break;
            TensorPrimitives.Multiply(centre[0], 1f / n0, centre[0]);
            TensorPrimitives.Multiply(centre[1], 1f / n1, centre[1]);
        }
        return members.Where((_, k) => assignment[k]).ToArray();
    }
}
