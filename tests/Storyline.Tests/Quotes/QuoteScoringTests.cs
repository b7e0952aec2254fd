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
        var root = Path.Combine(Path.GetTempPath(), "polnear-" + name + "-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "dev", "text"));
            Directory.CreateDirectory(Path.Combine(root, "dev", "attributions"));
            File.WriteAllText(Path.Combine(root, "dev", "text", name + ".txt"), text);
            File.WriteAllLines(Path.Combine(root, "dev", "attributions", name + "_a1.ann"), annotation);
            var report = new QuoteEvaluation().Run(new EvaluationRequest(root, "dev", null));
            Assert.True(report.Success, report.Problem);
            return report.Value.Figures;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_gold_span_listed_out_of_text_order_matches_the_same_characters()
    {
        // brat lets an annotator list a discontinuous span's fragments in any order: here the later one first.
        var figures = Score("ferry", "The ferry is late, the skipper said, because of fog.\n",
        [
            "T1\tSource 19 30\tthe skipper",
            "T2\tCue 31 35\tsaid",
            "T3\tContent 37 51;0 17\tbecause of fog The ferry is late",
            "T4\tAttribution 31 35\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        ]);
        Assert.Equal(1.0, figures["quotes.all.cue.exact.f1"]);
        Assert.Equal(1.0, figures["quotes.all.content.exact.f1"]);
    }

    [Fact]
    public void A_gold_quote_split_only_at_the_space_between_its_sentences_matches_the_whole_quote()
    {
        // The annotator's content stops after the first sentence and resumes at the second: only a space between.
        var figures = Score("bridge", "\u201cThe bridge is closed. We will reopen it in spring,\u201d the engineer said.\n",
        [
            "T1\tSource 53 65\tthe engineer",
            "T2\tCue 66 70\tsaid",
            "T3\tContent 0 22;23 52\t\u201cThe bridge is closed. We will reopen it in spring,\u201d",
            "T4\tAttribution 66 70\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        ]);
        Assert.Equal(1.0, figures["quotes.all.cue.exact.f1"]);
        Assert.Equal(1.0, figures["quotes.all.content.exact.f1"]);
    }
}
