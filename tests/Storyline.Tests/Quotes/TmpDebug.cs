using Storyline.Quotes;
using Storyline.Language.Tokenization;
using Storyline.Language.Sentences;
using Xunit;
using Xunit.Abstractions;
namespace Storyline.Tests.Quotes;
public class TmpDebug(ITestOutputHelper output)
{
    [Fact]
    public void Show()
    {
        foreach (var text in File.ReadAllText("/tmp/dbg.txt").Split("\n===\n"))
        {
            var tokens = Tokenizer.Tokenize(text);
            var sents = SentenceSplitter.Split(text, tokens);
            foreach (var q in QuoteScanner.Scan(text)) output.WriteLine($"SCAN {q.Span.Of(text)}");
            foreach (var s in sents) output.WriteLine($"SENT {text[s.Start..s.End]}");
            foreach (var a in AttributionFinder.Default.Find(text, tokens, sents))
                output.WriteLine($"ATTR {a.Kind} src={a.Source?.Of(text)} cue={a.Cue?.Of(text)} :: {a.Content.Of(text)}");
        }
    }
}
