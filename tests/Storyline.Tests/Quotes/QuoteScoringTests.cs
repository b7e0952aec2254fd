using Storyline.Evaluation;
using Storyline.Quotes;
using Xunit;

namespace Storyline.Tests.Quotes;

public class QuoteScoringTests
{
    /// <summary>Scores the shipped quotes model on one text of a PolNeAR-shaped dev folder, with the given gold
    /// annotation lines, and returns the figures.</summary>
    private static IReadOnlyDictionary<string, double> Score(string name, string text, string[] annotation)
    {
        var report = Evaluate(name, text, annotation, modelPath: null);
        Assert.True(report.Success, report.Problem);
        return report.Value.Figures;
    }

    /// <summary>Evaluates one text of a PolNeAR-shaped dev folder with the given gold annotation lines, by the
    /// model in <paramref name="modelPath"/> (the shipped one when null).</summary>
    private static Outcome<EvaluationReport> Evaluate(string name, string text, string[] annotation, string? modelPath)
    {
        var root = Path.Combine(Path.GetTempPath(), "polnear-" + name + "-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "dev", "text"));
            Directory.CreateDirectory(Path.Combine(root, "dev", "attributions"));
            File.WriteAllText(Path.Combine(root, "dev", "text", name + ".txt"), text);
            File.WriteAllLines(Path.Combine(root, "dev", "attributions", name + "_a1.ann"), annotation);
            return new QuoteEvaluation().Run(new EvaluationRequest(root, "dev", null) { ModelPath = modelPath });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_model_file_given_to_the_evaluation_is_the_one_scored()
    {
        // It used to be ignored, so a seed's model file scored as the embedded model; a missing file must fail.
        const string text = "The ferry is late, the skipper said.\n";
        var missing = Path.Combine(Path.GetTempPath(), "no-such-quotes-model-" + Guid.NewGuid().ToString("N") + ".stlm");
        var report = Evaluate("missing", text, Attribution(text, (19, 30), (31, 35), (0, 17)), missing);
        Assert.False(report.Success);
    }

    /// <summary>One brat attribution: source, cue and the content's fragments in the order given.</summary>
    private static string[] Attribution(string text, (int Start, int End) source, (int Start, int End) cue, params (int Start, int End)[] content) =>
    [
        $"T1\tSource {source.Start} {source.End}\t{text[source.Start..source.End]}",
        $"T2\tCue {cue.Start} {cue.End}\t{text[cue.Start..cue.End]}",
        $"T3\tContent {string.Join(';', content.Select(f => $"{f.Start} {f.End}"))}\t{string.Join(' ', content.Select(f => text[f.Start..f.End]))}",
        $"T4\tAttribution {cue.Start} {cue.End}\t{text[cue.Start..cue.End]}",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    ];

    [Fact]
    public void A_gold_span_listed_out_of_text_order_matches_the_same_characters()
    {
        // brat lets an annotator list a discontinuous span's fragments in any order: here the later one first.
        const string text = "The ferry is late, the skipper said, because of fog.\n";
        var figures = Score("ferry", text, Attribution(text, (19, 30), (31, 35), (37, 51), (0, 17)));
        Assert.Equal(1.0, figures["quotes.all.cue.exact.f1"]);
        Assert.Equal(1.0, figures["quotes.all.content.exact.f1"]);
    }

    [Fact]
    public void A_gold_quote_split_only_at_the_space_between_its_sentences_matches_the_whole_quote()
    {
        // The annotator's content stops after the first sentence and resumes at the second: only a space between.
        const string text = "\u201cThe bridge is closed. We will reopen it in spring,\u201d the engineer said.\n";
        var figures = Score("bridge", text, Attribution(text, (53, 65), (66, 70), (0, 22), (23, 52)));
        Assert.Equal(1.0, figures["quotes.all.cue.exact.f1"]);
        Assert.Equal(1.0, figures["quotes.all.content.exact.f1"]);
    }
}
