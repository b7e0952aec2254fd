using Storyline.Evaluation;
using Storyline.Quotes;
using Xunit;

namespace Storyline.Tests.Quotes;

public class QuoteScoringTests
{
    [Fact]
    public void A_gold_span_listed_out_of_text_order_matches_the_same_characters()
    {
        var root = Path.Combine(Path.GetTempPath(), "polnear-order-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "dev", "text"));
            Directory.CreateDirectory(Path.Combine(root, "dev", "attributions"));
            const string text = "The ferry is late, the skipper said, because of fog.\n";
            File.WriteAllText(Path.Combine(root, "dev", "text", "ferry.txt"), text);
            // brat lets an annotator list a discontinuous span's fragments in any order: here the later one first.
            File.WriteAllLines(Path.Combine(root, "dev", "attributions", "ferry_a1.ann"),
            [
                "T1\tSource 19 30\tthe skipper",
                "T2\tCue 31 35\tsaid",
                "T3\tContent 37 51;0 17\tbecause of fog The ferry is late",
                "T4\tAttribution 31 35\tsaid",
                "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            ]);
            var report = new QuoteEvaluation().Run(new EvaluationRequest(root, "dev", null));
            Assert.True(report.Success, report.Problem);
            Assert.Equal(1.0, report.Value.Figures["quotes.all.cue.exact.f1"]);
            Assert.Equal(1.0, report.Value.Figures["quotes.all.content.exact.f1"]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_gold_quote_split_only_at_the_space_between_its_sentences_matches_the_whole_quote()
    {
        var root = Path.Combine(Path.GetTempPath(), "polnear-gap-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "dev", "text"));
            Directory.CreateDirectory(Path.Combine(root, "dev", "attributions"));
            const string text = "\u201cThe bridge is closed. We will reopen it in spring,\u201d the engineer said.\n";
            File.WriteAllText(Path.Combine(root, "dev", "text", "bridge.txt"), text);
            // The annotator's content stops after the first sentence and resumes at the second: only a space between.
            File.WriteAllLines(Path.Combine(root, "dev", "attributions", "bridge_a1.ann"),
            [
                "T1\tSource 53 65\tthe engineer",
                "T2\tCue 66 70\tsaid",
                "T3\tContent 0 22;23 52\t\u201cThe bridge is closed. We will reopen it in spring,\u201d",
                "T4\tAttribution 66 70\tsaid",
                "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            ]);
            var report = new QuoteEvaluation().Run(new EvaluationRequest(root, "dev", null));
            Assert.True(report.Success, report.Problem);
            Assert.Equal(1.0, report.Value.Figures["quotes.all.cue.exact.f1"]);
            Assert.Equal(1.0, report.Value.Figures["quotes.all.content.exact.f1"]);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
