using Storyline.Evaluation;
using Storyline.Stories;
using Xunit;

namespace Storyline.Tests.Stories;

/// <summary>Small slices of the clustering datasets with a floor, so a regression shows without running the full evaluation.</summary>
public class StoryDatasetTests
{
    private static EvaluationReport Evaluate(string folder, int limit)
    {
        var outcome = new StoryEvaluation().Run(new EvaluationRequest(Datasets.Find(folder)!, null, null) { Limit = limit });
        Assert.True(outcome.Success, outcome.Problem);
        return outcome.Value;
    }

    [DatasetFact("ecbplus-event-coref-news-clusters")]
    public void Ecbplus_first_topics_reach_the_floor()
    {
        var report = Evaluate("ecbplus-event-coref-news-clusters", 200);
        Assert.True(report.Figures["stories.ecbplus.cluster.bcubed_f1"] >= 0.88, $"B3 F1 {report.Figures["stories.ecbplus.cluster.bcubed_f1"]:0.000}");
    }

    [DatasetFact("uci-news-aggregator-subset")]
    public void Uci_first_headlines_reach_the_floor()
    {
        var report = Evaluate("uci-news-aggregator-subset", 1500);
        Assert.True(report.Figures["stories.uci.cluster.bcubed_f1"] >= 0.30, $"B3 F1 {report.Figures["stories.uci.cluster.bcubed_f1"]:0.000}");
    }
}
