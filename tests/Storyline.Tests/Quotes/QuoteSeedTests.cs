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

    [SeedsFact]
    public void Dump()
    {
        foreach (var (file, q) in AllQuotes(SeedAnalysis()))
            output.WriteLine($"{file} {q.Kind,-12} [{q.Speaker}] <{q.SpeakerSpan}> cue={q.CueText} rep={q.ReportedPerson} cont={q.ContinuesPrevious} :: {q.Text[..Math.Min(90, q.Text.Length)]}");
    }
}
