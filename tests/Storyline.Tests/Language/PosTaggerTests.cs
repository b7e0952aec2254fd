using Storyline.Documents;
using Storyline.Evaluation;
using Storyline.Language;
using Storyline.Language.Pos;
using Storyline.Learning;
using Storyline.Pipeline;
using Xunit;

namespace Storyline.Tests.Language;

public class PosTaggerTests
{
    private static PosTagger Shipped => PosTagger.Shipped.Value;

    [Fact]
    public void The_shipped_model_loads_and_tags_news_text()
    {
        var (universal, penn) = Shipped.Tag(["The", "president", "said", "he", "will", "visit", "Moscow", "on", "Tuesday", "."]);
        Assert.Equal(["DET", "NOUN", "VERB", "PRON", "AUX", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"], universal);
        Assert.Equal("VBD", penn[2]);
        Assert.Equal("MD", penn[4]);
        Assert.Equal("NNP", penn[6]);
    }

    [Fact]
    public void A_saved_model_loads_back_and_tags_the_same()
    {
        var header = new ModelHeader(PosTagger.ModelKind, 1, "round trip", "test");
        using var stream = new MemoryStream();
        Shipped.Save(stream, header);
        stream.Position = 0;
        var reloaded = PosTagger.Load(stream);
        Assert.True(reloaded.Success, reloaded.Problem);
        string[] words = ["Zelenskyy", "met", "Macron", "in", "Paris", "and", "they", "didn't", "agree", "on", "a", "30", "-", "day", "truce", "."];
        var (universal, penn) = Shipped.Tag(words);
        var (universalAgain, pennAgain) = reloaded.Value.Tag(words);
        Assert.Equal(universal, universalAgain);
        Assert.Equal(penn, pennAgain);
        Assert.Equal("round trip", reloaded.Value.Header!.TrainedWith);
    }

    [Fact]
    public void A_file_of_another_kind_is_refused_with_a_reason()
    {
        using var stream = new MemoryStream();
        ModelFile.Write(stream, new ModelHeader("ner", 1, "x", "y"), w => w.Write(0));
        stream.Position = 0;
        var loaded = PosTagger.Load(stream);
        Assert.False(loaded.Success);
        Assert.Contains("expected 'pos'", loaded.Problem);
    }

    [Fact]
    public void The_perceptron_survives_a_save_and_load_round_trip()
    {
        var model = new AveragedPerceptron(["A", "B", "C"]);
        var examples = new (ulong[] Features, int Truth)[] { ([1, 2], 0), ([2, 3], 1), ([3, 4], 2), ([1, 4], 0), ([5, 3], 1) };
        for (int epoch = 0; epoch < 5; epoch++)
            foreach (var (features, truth) in examples)
            {
                model.Tick();
                model.Update(truth, model.Predict(features), features);
            }
        model.Average();
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) model.Save(writer);
        buffer.Position = 0;
        var loaded = AveragedPerceptron.Load(new BinaryReader(buffer));
        Assert.Equal(model.Classes, loaded.Classes);
        Span<float> a = stackalloc float[3], b = stackalloc float[3];
        foreach (var (features, truth) in examples)
        {
            Assert.Equal(truth, loaded.Predict(features));
            model.Score(features, a);
            loaded.Score(features, b);
            for (int c = 0; c < 3; c++) Assert.Equal(a[c], b[c], 2);
        }
    }

    [Fact]
    public void Folded_perceptrons_score_as_the_mean_of_their_averaged_members()
    {
        var examples = new (ulong[] Features, int Truth)[] { ([1, 2], 0), ([2, 3], 1), ([3, 4], 2), ([1, 4], 0), ([5, 3], 1) };
        AveragedPerceptron Trained(bool reversed)
        {
            var model = new AveragedPerceptron(["A", "B", "C"], WeightPrecision.Half);
            var order = reversed ? examples.Reverse().ToArray() : examples;
            for (int epoch = 0; epoch < 5; epoch++)
                foreach (var (features, truth) in order)
                {
                    model.Tick();
                    model.Update(truth, model.Predict(features), features);
                }
            return model;
        }
        var forward = Trained(reversed: false);
        var backward = Trained(reversed: true);
        forward.Average();
        backward.Average();
        var folded = AveragedPerceptron.Fold([Trained(reversed: false), Trained(reversed: true)]);
        Span<float> a = stackalloc float[3], b = stackalloc float[3], both = stackalloc float[3];
        bool membersDiffer = false;
        foreach (var (features, _) in examples)
        {
            forward.Score(features, a);
            backward.Score(features, b);
            folded.Score(features, both);
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal((a[c] + b[c]) / 2, both[c], 2);
                membersDiffer |= Math.Abs(a[c] - b[c]) > 0.01f;
            }
        }
        Assert.True(membersDiffer, "the two orders should give different members, or the fold proves nothing");
    }

    [Fact]
    public void A_perceptron_in_the_older_format_loads_and_saves_back_unchanged()
    {
        // Format 1: class count, classes, feature count, then per feature its key and (class, half weight) pairs.
        using var old = new MemoryStream();
        using (var writer = new BinaryWriter(old, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(2);
            writer.Write("A");
            writer.Write("B");
            writer.Write(2);
            writer.Write(7UL);
            writer.Write((byte)1);
            writer.Write((byte)1);
            writer.Write((Half)1.5f);
            writer.Write(9UL);
            writer.Write((byte)2);
            writer.Write((byte)0);
            writer.Write((Half)0.25f);
            writer.Write((byte)1);
            writer.Write((Half)(-2f));
        }
        old.Position = 0;
        var loaded = AveragedPerceptron.Load(new BinaryReader(old));
        Span<float> scores = stackalloc float[2];
        loaded.Score([7UL, 9UL, 11UL], scores);
        Assert.Equal(0.25f, scores[0], 3);
        Assert.Equal(-0.5f, scores[1], 3);
        using var saved = new MemoryStream();
        using (var writer = new BinaryWriter(saved, System.Text.Encoding.UTF8, leaveOpen: true)) loaded.Save(writer);
        Assert.Equal(old.ToArray(), saved.ToArray());
    }

    [Fact]
    public void A_perceptron_from_a_newer_format_is_a_clear_error()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) writer.Write(-99);
        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => AveragedPerceptron.Load(new BinaryReader(stream)));
        Assert.Contains("format 99 is not supported", error.Message);
    }

    [Fact]
    public void The_language_stage_fills_tokens_sentences_and_tags()
    {
        var text = "Putin's envoy arrived in Washington, D.C. on Monday.\n“We are ready,” he said.";
        var article = new Article("a1", "test", null, text, default, new TextSpan(0, text.Length), [], new DocumentMetadata());
        var pipeline = new PipelineBuilder().UseLanguage().Build();
        var analyzed = pipeline.Analyze(article);
        Assert.Equal(2, analyzed.Sentences.Length);
        Assert.All(analyzed.Tokens, t => Assert.False(string.IsNullOrEmpty(t.Tag)));
        Assert.All(analyzed.Tokens, t => Assert.False(string.IsNullOrEmpty(t.PennTag)));
        Assert.Equal("'s", analyzed.Tokens[1].Text);
        Assert.Equal("PART", analyzed.Tokens[1].Tag);
        Assert.Contains(analyzed.Tokens, t => t.Text == "said" && t.PennTag == "VBD");
    }

    [DatasetFact("ud-english-ewt")]
    public void Tags_a_slice_of_EWT_test_above_the_floor()
    {
        var report = new PosEvaluation().Run(new EvaluationRequest(Datasets.Find("ud-english-ewt")!, "test", null) { Limit = 400 });
        Assert.True(report.Success, report.Problem);
        Assert.True(report.Value.Figures["pos.upos_accuracy"] >= 0.93, $"UPOS accuracy {report.Value.Figures["pos.upos_accuracy"]:P2}");
        Assert.True(report.Value.Figures["pos.xpos_accuracy"] >= 0.92, $"XPOS accuracy {report.Value.Figures["pos.xpos_accuracy"]:P2}");
    }
}
