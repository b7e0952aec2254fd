namespace Storyline.Stories;

/// <summary>
/// Agglomerative clustering with average linkage over a sparse similarity graph: a missing edge counts as
/// similarity 0, so the linkage of two clusters is the sum of their edges divided by the product of their sizes.
/// It repeatedly merges the most similar pair until none reaches the threshold. Ties go to the pair with the
/// lowest indices, so for items given in a canonical order the result is fully deterministic.
/// </summary>
internal static class AverageLinkage
{
    /// <summary>Returns, for each item, the index of its cluster's first (lowest-index) item.</summary>
    /// <param name="stopAt">Stop merging when this many clusters remain (1: only the threshold stops it).</param>
    public static int[] Cluster(int count, IEnumerable<(int A, int B, double Similarity)> edges, double threshold, int stopAt = 1)
    {
        int clusters = count;
        var neighbours = new Dictionary<int, double>[count];
        for (int i = 0; i < count; i++) neighbours[i] = [];
        foreach (var (a, b, s) in edges)
        {
            if (a == b) continue;
            neighbours[a][b] = neighbours[a].GetValueOrDefault(b) + s;
            neighbours[b][a] = neighbours[b].GetValueOrDefault(a) + s;
        }
        var size = Enumerable.Repeat(1, count).ToArray();
        var version = new int[count];
        var alive = Enumerable.Repeat(true, count).ToArray();
        var members = Enumerable.Range(0, count).Select(i => new List<int> { i }).ToArray();

        var queue = new PriorityQueue<(int A, int B, int VersionA, int VersionB), (double, int, int)>(
            Comparer<(double Negated, int A, int B)>.Default);
        void Push(int a, int b, double sum)
        {
            if (a > b) (a, b) = (b, a);
            double linkage = sum / ((double)size[a] * size[b]);
            if (linkage >= threshold) queue.Enqueue((a, b, version[a], version[b]), (-linkage, a, b));
        }
        for (int a = 0; a < count; a++)
            foreach (var (b, s) in neighbours[a])
                if (a < b) Push(a, b, s);

        while (clusters > stopAt && queue.TryDequeue(out var pair, out _))
        {
            var (a, b, va, vb) = pair;
            if (!alive[a] || !alive[b] || version[a] != va || version[b] != vb) continue;
            // Merge b into a (a < b, so a cluster is always named by its lowest index).
            alive[b] = false;
            clusters--;
            size[a] += size[b];
            members[a].AddRange(members[b]);
            members[b] = [];
            neighbours[a].Remove(b);
            foreach (var (k, s) in neighbours[b])
            {
                if (k == a) continue;
                neighbours[a][k] = neighbours[a].GetValueOrDefault(k) + s;
                neighbours[k].Remove(b);
                neighbours[k][a] = neighbours[k].GetValueOrDefault(a) + s;
            }
            neighbours[b] = [];
            version[a]++;
            foreach (var (k, s) in neighbours[a]) Push(a, k, s);
        }

        var clusterOf = new int[count];
        for (int c = 0; c < count; c++)
            if (alive[c])
            {
                int first = members[c].Min();
                foreach (var m in members[c]) clusterOf[m] = first;
            }
        return clusterOf;
    }
}
