using Storyline.Documents;
using Storyline.Ingest;
using Storyline.Language.Entities;
using Storyline.Language.Ner;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Storyline.Pipeline;
using Storyline.Quotes;
using Storyline.Segmentation;
using Xunit;
using Xunit.Abstractions;

namespace Storyline.Tests.Quotes;

/// <summary>Done-when checks on the seed texts (read from ../shared/corpus/seeds, never copied).</summary>
public class QuoteSeedTests(ITestOutputHelper output)
{
    /// <summary>The language layers a language stage would add (tokens, sentences), then ner, quotes, entities.</summary>
    internal static Analysis Analyze(IEnumerable<Article> articles)
    {
        var pipeline = new PipelineBuilder().UseNer().UseQuotes().UseEntities().UseQuoteSpeakers().Build();
        var analyzed = articles.Select(a =>
        {
            var tokens = Tokenizer.Tokenize(a.Text);
            var doc = new AnalyzedArticle(a) { Tokens = [.. tokens], Sentences = [.. SentenceSplitter.Split(a.Text, tokens)] };
            foreach (var stage in pipeline.ArticleStages) doc = stage.Process(doc);
            return doc;
        }).ToList();
        return pipeline.Continue(new Analysis([.. analyzed]));
    }

    private static Analysis SeedAnalysis()
    {
        var factory = new ArticleFactory();
        return Analyze(Ingestor.CreateDefault().Read([Seeds.Folder()!]).Select(r => r.Value).SelectMany(factory.Create));
    }

    private static List<(string File, Quote Quote)> AllQuotes(Analysis analysis) =>
        analysis.Articles.SelectMany(a => a.Quotes.Select(q => (Path.GetFileName(a.Article.Source)[..3], q))).ToList();

    private static Quote QuoteStarting(List<(string File, Quote Quote)> quotes, string file, string words) =>
        Assert.Single(quotes.Where(q => q.File == file && q.Quote.Text.TrimStart('"', '“').StartsWith(words, StringComparison.Ordinal)).Select(q => q.Quote));

    private void Print(List<(string File, Quote Quote)> quotes)
    {
        foreach (var (file, q) in quotes)
            output.WriteLine($"{file} {q.Kind,-12} [{q.Speaker}] cue={q.CueText} reported={q.ReportedPerson} :: {q.Text[..Math.Min(90, q.Text.Length)]}");
    }

    private static void AssertSpeaker(string expected, Quote quote) =>
        Assert.True(quote.Speaker is not null && quote.Speaker.Contains(expected, StringComparison.Ordinal),
            $"expected {expected}, got '{quote.Speaker}' for: {quote.Text}");

    [SeedsFact]
    public void Macron_Witkoff_and_Lavrov_quotes_go_to_them()
    {
        var quotes = AllQuotes(SeedAnalysis());
        Print(quotes);
        AssertSpeaker("Macron", QuoteStarting(quotes, "000", "If there was again a generalized aggression"));
        AssertSpeaker("Macron", QuoteStarting(quotes, "000", "Our soldiers, when they are engaged"));
        var posture = QuoteStarting(quotes, "000", "It's a combination of a posture and a pose");
        AssertSpeaker("Witkoff", posture);
        Assert.Equal("he", posture.SpeakerSpan!.Value.Of(SeedAnalysis().Articles.First(a => a.Text.Contains("a posture and a pose")).Text));
        AssertSpeaker("Lavrov", QuoteStarting(quotes, "002", "Putin is ready to meet"));
    }

    [SeedsFact]
    public void The_Alaska_photo_quotes_go_to_Trump_including_the_president_said()
    {
        var quotes = AllQuotes(SeedAnalysis());
        var direct = quotes.Where(q => q.File == "002" && q.Quote.Kind == QuoteKinds.Direct && !q.Quote.Text.Contains("Putin is ready")).Select(q => q.Quote).ToList();
        Assert.True(direct.Count >= 7, $"{direct.Count} direct quotes");
        foreach (var quote in direct) AssertSpeaker("Trump", quote);
        var role = QuoteStarting(quotes, "002", "I’m not happy about it");
        Assert.Equal("said", role.CueText);
        Assert.Contains(quotes, q => q.File == "002" && q.Quote.Text.StartsWith("“We’ll see what happens", StringComparison.Ordinal) && q.Quote.Speaker == role.Speaker);
        // The nested single quote stays inside its double quote.
        Assert.EndsWith("‘It’s your fight.’”", QuoteStarting(quotes, "002", "Or we step back").Text);
    }

    [SeedsFact]
    public void The_four_accounts_of_the_Witkoff_story_attribute_his_quotes_to_him()
    {
        var quotes = AllQuotes(SeedAnalysis());
        // The AP account: Witkoff recounting Putin.
        var praying = QuoteStarting(quotes, "000", "He was praying for his friend");
        AssertSpeaker("Witkoff", praying);
        Assert.Contains("Putin", praying.ReportedPerson);
        // Benzinga's account.
        AssertSpeaker("Witkoff", QuoteStarting(quotes, "001", "Putin told me a story, Tucker"));
        AssertSpeaker("Witkoff", QuoteStarting(quotes, "001", "President Putin had commissioned a beautiful portrait"));
        Assert.Contains(quotes, q => q.File == "001" && q.Quote.Kind == QuoteKinds.AccordingTo && q.Quote.Text.Contains("clearly touched") && q.Quote.Speaker!.Contains("Witkoff"));
        // The third account: "according to" and indirect speech.
        Assert.Contains(quotes, q => q.File == "003" && q.Quote.Kind == QuoteKinds.AccordingTo && q.Quote.Text.StartsWith("Russian President Vladimir Putin prayed") && q.Quote.Speaker!.Contains("Witkoff"));
        Assert.Contains(quotes, q => q.File == "003" && q.Quote.Text.Contains("“super smart”") && q.Quote.Speaker!.Contains("Witkoff"));
        // The fourth: "Witkoff said of Putin", "he explained", and the quote of an embedded post.
        var shot = QuoteStarting(quotes, "004", "When the president was shot");
        AssertSpeaker("Witkoff", shot);
        Assert.Contains("Putin", shot.ReportedPerson);
        AssertSpeaker("Witkoff", QuoteStarting(quotes, "004", "Putin \"had a friendship with him"));
        AssertSpeaker("Witkoff", QuoteStarting(quotes, "004", "This is the kind of connection"));
    }
}
