namespace Storyline.Evaluation;

/// <summary>Agreement between a predicted and a gold partition of the same items.</summary>
/// <param name="BCubedPrecision">Mean over items of the share of its predicted cluster that shares its gold cluster.</param>
/// <param name="BCubedRecall">Mean over items of the share of its gold cluster that shares its predicted cluster.</param>
public sealed record ClusteringScores(
    int Items,
    int PredictedClusters,
    int GoldClusters,
    double BCubedPrecision,
    double BCubedRecall,
    PrfCounts Pairs)
{
    public double BCubedF1 => BCubedPrecision + BCubedRecall == 0 ? 0 : 2 * BCubedPrecision * BCubedRecall / (BCubedPrecision + BCubedRecall);

    /// <summary>
    /// Scores items present in both maps (Bagga and Baldwin's B-cubed, plus pair counting). Pair counts come from
    /// cluster-intersection sizes, so the cost is linear in the items.
    /// </summary>
    public static ClusteringScores Score<TItem>(IReadOnlyDictionary<TItem, string> predicted, IReadOnlyDictionary<TItem, string> gold)
        where TItem : notnull
    {
        var items = gold.Keys.Where(predicted.ContainsKey).ToList();
        var predictedSize = items.GroupBy(i => predicted[i]).ToDictionary(g => g.Key, g => (long)g.Count());
        var goldSize = items.GroupBy(i => gold[i]).ToDictionary(g => g.Key, g => (long)g.Count());
        var overlap = items.GroupBy(i => (predicted[i], gold[i])).ToDictionary(g => g.Key, g => (long)g.Count());
        double precision = 0, recall = 0;
        foreach (var i in items)
        {
            long both = overlap[(predicted[i], gold[i])];
            precision += (double)both / predictedSize[predicted[i]];
            recall += (double)both / goldSize[gold[i]];
        }
        static long PairsOf(long n) => n * (n - 1) / 2;
        long truePairs = overlap.Values.Sum(PairsOf);
        long predictedPairs = predictedSize.Values.Sum(PairsOf);
        long goldPairs = goldSize.Values.Sum(PairsOf);
        int n = Math.Max(1, items.Count);
        return new ClusteringScores(items.Count, predictedSize.Count, goldSize.Count, precision / n, recall / n,
            new PrfCounts((int)truePairs, (int)(predictedPairs - truePairs), (int)(goldPairs - truePairs)));
    }
}
