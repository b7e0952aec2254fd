using Storyline.Documents;

namespace Storyline.Stories;

/// <summary>A near-duplicate (wire copy): the later article, the article it repeats, and their estimated similarity.</summary>
public readonly record struct NearDuplicate(string Duplicate, string Original, double Similarity);

/// <summary>
/// Finds wire copies with MinHash over word shingles and LSH banding: only articles that agree on all rows of at
/// least one band are compared, so the cost grows with the number of articles, not its square. A candidate pair is
/// kept when its estimated Jaccard similarity reaches <see cref="StoryOptions.NearDuplicateThreshold"/>.
/// Within a group of copies the original is the earliest published article (undated ones after dated ones),
/// ties broken by content hash then id, so the answer does not depend on input order.
/// </summary>
public sealed class NearDuplicateDetector(StoryOptions? options = null)
{
    private readonly StoryOptions _options = options ?? StoryOptions.Default;

    private int SignatureLength => _options.MinHashBands * _options.MinHashRows;

    public IReadOnlyList<NearDuplicate> Find(IReadOnlyList<Article> articles)
    {
        var ordered = articles
            .Select(a => (Article: a, Key: new StoryDocument(a.Id, a.Published.Date, a.ContentHash, SparseVector.Empty, SparseVector.Empty, "")))
            .OrderBy(x => x.Key, StoryDocument.CanonicalOrder)
            .Select(x => x.Article)
            .ToArray();
        var signatures = ordered.Select(a => Signature(a.Text)).ToArray();

        var candidates = new HashSet<(int, int)>();
        var buckets = new Dictionary<ulong, List<int>>();
        for (int band = 0; band < _options.MinHashBands; band++)
        {
            buckets.Clear();
            for (int i = 0; i < signatures.Length; i++)
            {
                if (signatures[i] is null) continue;
                ulong h = (ulong)band + 1;
                for (int r = 0; r < _options.MinHashRows; r++) h = Hashing.Combine(h, signatures[i]![band * _options.MinHashRows + r]);
                if (!buckets.TryGetValue(h, out var list)) buckets[h] = list = [];
                foreach (var j in list) candidates.Add((j, i));
                list.Add(i);
            }
        }

        // Union the confirmed pairs; each group's original is its first member in canonical order.
        var parent = Enumerable.Range(0, ordered.Length).ToArray();
        var similarity = new Dictionary<int, double>();
        foreach (var (a, b) in candidates.OrderBy(p => p.Item1).ThenBy(p => p.Item2))
        {
            double s = Estimate(signatures[a]!, signatures[b]!);
            if (s < _options.NearDuplicateThreshold) continue;
            int ra = Find(parent, a), rb = Find(parent, b);
            if (ra == rb) continue;
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
        var result = new List<NearDuplicate>();
        for (int i = 0; i < ordered.Length; i++)
        {
            int root = Find(parent, i);
            if (root == i) continue;
            result.Add(new NearDuplicate(ordered[i].Id, ordered[root].Id, Estimate(signatures[i]!, signatures[root]!)));
        }
        return result;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    private static double Estimate(ulong[] a, ulong[] b)
    {
        int same = 0;
        for (int i = 0; i < a.Length; i++) if (a[i] == b[i]) same++;
        return (double)same / a.Length;
    }

    /// <summary>The MinHash signature of the text's lowercased word shingles; null when the text is too short to shingle.</summary>
    internal ulong[]? Signature(string text)
    {
        var words = StoryText.Tokenize(text).Select(t => text[t.Start..t.End].ToLowerInvariant()).ToArray();
        int k = _options.ShingleSize;
        if (words.Length < k) return null;
        var signature = new ulong[SignatureLength];
        Array.Fill(signature, ulong.MaxValue);
        for (int i = 0; i + k <= words.Length; i++)
        {
            ulong shingle = 0x84222325UL;
            for (int j = 0; j < k; j++) shingle = Hashing.Combine(shingle, Hashing.Fnv1a(words[i + j]));
            for (int h = 0; h < signature.Length; h++)
            {
                // One 64-bit mix per hash function, seeded by its index (the splitmix64 finaliser).
                ulong x = shingle ^ (0x9E3779B97F4A7C15UL * (ulong)(h + 1));
                x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
                x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
                x ^= x >> 31;
                if (x < signature[h]) signature[h] = x;
            }
        }
        return signature;
    }
}
