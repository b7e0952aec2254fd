using Storyline.Evaluation;
using Xunit;

namespace Storyline.Tests.Stories;

public class ClusteringScoresTests
{
    [Fact]
    public void BCubed_and_pair_counts_follow_their_definitions()
    {
        var predicted = new Dictionary<string, string> { ["a"] = "1", ["b"] = "1", ["c"] = "2", ["d"] = "2" };
        var gold = new Dictionary<string, string> { ["a"] = "x", ["b"] = "y", ["c"] = "y", ["d"] = "y" };

        var s = ClusteringScores.Score(predicted, gold);

        // Precision per item: a 1/2, b 1/2, c 2/2, d 2/2. Recall: a 1/1, b 1/3, c 2/3, d 2/3.
        Assert.Equal(0.75, s.BCubedPrecision, 6);
        Assert.Equal((1 + 1 / 3.0 + 2 / 3.0 + 2 / 3.0) / 4, s.BCubedRecall, 6);
        Assert.Equal(new PrfCounts(1, 1, 2), s.Pairs);
        Assert.Equal((2, 2), (s.PredictedClusters, s.GoldClusters));
    }

    [Fact]
    public void Identical_partitions_score_one()
    {
        var labels = new Dictionary<int, string> { [1] = "p", [2] = "p", [3] = "q" };
        var s = ClusteringScores.Score(labels, labels);
        Assert.Equal(1.0, s.BCubedF1, 9);
        Assert.Equal(1.0, s.Pairs.F1, 9);
    }
}
