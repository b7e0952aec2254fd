using Storyline.Documents;
using Storyline.Evaluation;
using Storyline.Quotes;
using Xunit;

namespace Storyline.Tests.Quotes;

/// <summary>Golden specs under Specs/quotes: one per attribution pattern (texts written for the specs).</summary>
public class QuoteSpecTests
{
    public static IEnumerable<object[]> Specs() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Specs", "quotes"), "*.txt").Order().Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Specs))]
    public void Attributions_match_the_golden_file(string file)
    {
        var spec = SpecFile.Load(Path.Combine(AppContext.BaseDirectory, "Specs", "quotes", file));
        var text = spec["text"] + "\n";
        var article = new Article("spec-" + spec.Name, file, null, text, PublicationDate.Unknown("spec"), new TextSpan(0, text.Length), [], DocumentMetadata.Empty);
        var quotes = QuoteSeedTests.Analyze([article]).Articles[0].Quotes;
        var actual = quotes.Select(Line).ToList();
        var expected = spec.Lines("expected").Select(l => l.Trim()).ToList();
        Assert.Equal(expected, actual);
    }

    private static string Line(Quote q)
    {
        var line = $"{q.Kind} | {q.Speaker ?? "-"} | {q.CueText ?? "-"} | {q.Text.Replace("\n", "\\n")}";
        return q.ReportedPerson is { } reported ? line + " | " + reported : line;
    }

    [Fact]
    public void Scanner_pairs_marks_by_position_and_leaves_apostrophes_alone()
    {
        var text = "He said \"it's fine.” Then: “don't\" go.";
        var spans = QuoteScanner.Scan(text).Select(s => s.Span.Of(text)).ToList();
        Assert.Equal(["\"it's fine.”", "“don't\""], spans);
    }

    [Fact]
    public void A_quote_left_open_mid_paragraph_is_dropped_rather_than_run_on()
    {
        var text = "The word \"open never closes here.\nNext paragraph.";
        Assert.Empty(QuoteScanner.Scan(text));
    }

    [Fact]
    public void Cue_lexicon_matches_the_longest_phrase()
    {
        var words = new[] { "according", "to", "officials" };
        Assert.Equal((2, CueClass.According), CueLexicon.Default.Match(words, 0));
        Assert.Null(CueLexicon.Default.Match(words, 2));
    }

    [DatasetFact("polnear")]
    public void PolNeAR_dev_slice_stays_above_its_floor()
    {
        var report = new QuoteEvaluation().Run(new EvaluationRequest(Datasets.Find("polnear")!, "dev", null) { Limit = 20 });
        Assert.True(report.Success, report.Problem);
        var figures = report.Value.Figures;
        Assert.True(figures["quotes.direct.content.exact.f1"] > 0.50, $"direct content F1 {figures["quotes.direct.content.exact.f1"]:0.000}");
        // With the learned cue tagger and attribution filter the slice scores 65 / 58 / 45 (source / cue / content).
        Assert.True(figures["quotes.all.cue.exact.f1"] > 0.54, $"cue F1 {figures["quotes.all.cue.exact.f1"]:0.000}");
        Assert.True(figures["quotes.all.source.exact.f1"] > 0.60, $"source F1 {figures["quotes.all.source.exact.f1"]:0.000}");
        Assert.True(figures["quotes.all.content.exact.f1"] > 0.41, $"content F1 {figures["quotes.all.content.exact.f1"]:0.000}");
    }

    [Fact]
    public void The_quote_model_ships_with_the_build()
    {
        var model = QuoteModel.Shipped;
        Assert.True(model.Success, model.Problem);
        Assert.True(model.Value.Cues.Perceptron.FeatureCount > 0 && model.Value.Filter.Perceptron.FeatureCount > 0);
    }
}
