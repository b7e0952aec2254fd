using Storyline.Evaluation;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Xunit;

namespace Storyline.Tests.Language;

public class LanguageDatasetTests
{
    [DatasetFact("ud-english-ewt")]
    public void Tokenizes_a_slice_of_EWT_test_above_the_floor()
    {
        var report = new TokenizationEvaluation().Run(new EvaluationRequest(Datasets.Find("ud-english-ewt")!, "test", null) { Limit = 500 });
        Assert.True(report.Success, report.Problem);
        Assert.True(report.Value.Figures["tokens.f1"] >= 0.97, $"token F1 {report.Value.Figures["tokens.f1"]:P2}");
    }

    [DatasetFact("ud-english-gum-ccby-subset")]
    public void Splits_a_slice_of_GUM_test_above_the_floor()
    {
        var report = new SentenceEvaluation().Run(new EvaluationRequest(Datasets.Find("ud-english-gum-ccby-subset")!, "test", null) { Limit = 6 });
        Assert.True(report.Success, report.Problem);
        Assert.True(report.Value.Figures["sentences.boundaries.f1"] >= 0.93, $"boundary F1 {report.Value.Figures["sentences.boundaries.f1"]:P2}");
    }
}
