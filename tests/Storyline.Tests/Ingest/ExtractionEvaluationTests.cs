using Storyline.Evaluation;
using Storyline.Ingest.Html;
using Xunit;

namespace Storyline.Tests.Ingest;

public sealed class ExtractionEvaluationTests
{
    [Fact]
    public void The_shingle_metric_scores_identical_and_disjoint_texts()
    {
        var same = ShingleMetric.Score("one two three four five", "one two three four five");
        Assert.Equal(1, same.Precision);
        Assert.Equal(1, same.Recall);
        Assert.True(same.ExactMatch);
        var half = ShingleMetric.Score("a b c d e f", "a b c d x y");
        Assert.Equal(1.0 / 3, half.Precision, 6);
        Assert.Equal(1.0 / 3, half.Recall, 6);
        var none = ShingleMetric.Score("a b c d", "");
        Assert.Equal(0, none.Precision);
        Assert.Equal(0, none.Recall);
    }

    [DatasetFact("scrapinghub-article-extraction-benchmark")]
    public void A_slice_of_the_benchmark_scores_above_the_floor()
    {
        var folder = Datasets.Find("scrapinghub-article-extraction-benchmark")!;
        var outcome = new ExtractionEvaluation().Run(new EvaluationRequest(folder, null, null) { Limit = 20 });
        Assert.True(outcome.Success, outcome.Problem);
        var f1 = outcome.Value.Figures["extraction.storyline.f1"];
        Assert.True(f1 >= 0.92, $"F1 on 20 pages fell to {f1:0.000}");
        // The peers are scored on the same pages, side by side.
        Assert.Contains("extraction.trafilatura.f1", outcome.Value.Figures.Keys);
    }
}
