using Storyline.Evaluation;
using Storyline.Language.Ner;
using Xunit;

namespace Storyline.Tests.Ner;

public class NerModelTests
{
    private static readonly string[] Sentence = ["Russian", "President", "Vladimir", "Putin", "met", "Emmanuel", "Macron", "in", "Paris", "."];

    [Fact]
    public void The_shipped_model_loads_and_finds_people_and_places()
    {
        var recognizer = EntityRecognizer.Embedded;
        Assert.True(recognizer.Success, recognizer.Problem);
        var found = recognizer.Value.Recognize(Sentence).Select(e => (string.Join(' ', Sentence[e.Start..e.End]), e.Type)).ToList();
        Assert.Contains(("Vladimir Putin", "PERSON"), found);
        Assert.Contains(("Emmanuel Macron", "PERSON"), found);
        Assert.Contains(("Paris", "GPE"), found);
        Assert.Contains(("Russian", "NORP"), found);
    }

    [Fact]
    public void A_saved_model_loads_back_with_the_same_predictions()
    {
        var model = NerModel.Embedded.Value;
        using var stream = new MemoryStream();
        model.Save(stream, model.Header!);
        stream.Position = 0;
        var loaded = NerModel.Load(stream);
        Assert.True(loaded.Success, loaded.Problem);
        Assert.Equal(model.FeatureCount, loaded.Value.FeatureCount);
        Assert.Equal(model.Recognize(Sentence), loaded.Value.Recognize(Sentence));
    }

    [Fact]
    public void A_damaged_model_file_is_a_clear_failure()
    {
        using var stream = new MemoryStream("not a model"u8.ToArray());
        var loaded = NerModel.Load(stream);
        Assert.False(loaded.Success);
    }

    [Theory]
    [InlineData("B-PER,I-PER,O,B-LOC", "PER:0-2,LOC:3-4")]
    [InlineData("I-ORG,I-ORG,O,I-PER", "ORG:0-2,PER:3-4")]
    [InlineData("B-person,I-person,B-corporation", "PER:0-2,ORG:2-3")]
    [InlineData("I-MISC,O,U-LOC", "LOC:2-3")]
    public void Corpus_tags_decode_into_spans_with_our_labels(string tags, string expected) =>
        Assert.Equal(expected, string.Join(",", NerCorpus.SpansFromTags(tags.Split(',')).Select(s => $"{s.Type}:{s.Start}-{s.End}")));

    // The whole test split (2,077 sentences, a second or two), not its first 400: those are all product reviews with
    // 174 names, and two retrainings of equal whole-split F1 (0.587, 0.589) scored 0.505 and 0.482 on them.
    [DatasetFact("uner-english-ewt")]
    public void Uner_test_split_scores_above_a_floor()
    {
        var report = new NerEvaluation().Run(new EvaluationRequest(Datasets.Find("uner-english-ewt")!, "test", null));
        Assert.True(report.Success, report.Problem);
        var f1 = report.Value.Figures["ner.uner-english-ewt.test.f1"];
        Assert.True(f1 >= 0.55, $"F1 {f1:0.000} on the test split is below the floor 0.55");
    }
}
