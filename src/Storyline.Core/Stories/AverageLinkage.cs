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
    /// <param name="scale">
    /// Per item, a factor on the threshold (1 when null); a cluster's factor is its members' mean, and two clusters
    /// face the larger of their factors. Merges are taken in order of linkage over that threshold.
    /// </param>
    /// <param name="groups">
    /// Per item, a group (a stored story) or -1 (null: none). Two clusters that hold different groups never merge:
    /// stored stories grow but never fuse.
    /// </param>
    /// <param name="together">Per item, a label or -1 (null: none); items with one label start as one cluster.</param>
    public static int[] Cluster(int count, IEnumerable<(int A, int B, double Similarity)> edges, double threshold, int stopAt = 1, double[]? scale = null,
        int[]? groups = null, int[]? together = null)
    {
        var scaleSum = Enumerable.Range(0, count).Select(i => scale?[i] ?? 1.0).ToArray();
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

        var group = Enumerable.Range(0, count).Select(i => groups?[i] ?? -1).ToArray();
        var queue = new PriorityQueue<(int A, int B, int VersionA, int VersionB), (double, int, int)>(
            Comparer<(double Negated, int A, int B)>.Default);
        void Push(int a, int b, double sum)
        {
            if (a > b) (a, b) = (b, a);
            if (group[a] >= 0 && group[b] >= 0 && group[a] != group[b]) return;
            double linkage = sum / ((double)size[a] * size[b]);
            double limit = threshold * Math.Max(scaleSum[a] / size[a], scaleSum[b] / size[b]);
            if (linkage >= limit) queue.Enqueue((a, b, version[a], version[b]), (limit > 0 ? -linkage / limit : -linkage, a, b));
        }
        void Merge(int a, int b)
        {
            // Merge b into a (a < b, so a cluster is always named by its lowest index).
            alive[b] = false;
            clusters--;
            size[a] += size[b];
            scaleSum[a] += scaleSum[b];
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
            if (group[b] >= 0) group[a] = group[b];
        }

        var firstWithLabel = new Dictionary<int, int>();
        for (int i = 0; i < count; i++)
        {
            int label = together?[i] ?? -1;
            if (label < 0) continue;
            if (firstWithLabel.TryGetValue(label, out var first)) Merge(first, i);
            else firstWithLabel[label] = i;
        }
        for (int a = 0; a < count; a++)
            if (alive[a])
                foreach (var (b, s) in neighbours[a])
                    if (a < b) Push(a, b, s);

        while (clusters > stopAt && queue.TryDequeue(out var pair, out _))
        {
            var (a, b, va, vb) = pair;
            if (!alive[a] || !alive[b] || version[a] != va || version[b] != vb) continue;
            Merge(a, b);
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
