using BenchmarkDotNet.Attributes;
using Storyline.Documents;
using Storyline.Language.Ner;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;

namespace Storyline.Benchmarks;

/// <summary>
/// Named-entity recognition speed on one core. Divide <see cref="TokenCount"/> by the mean time to get tokens/s.
/// The text is written for this benchmark (news-like, with many names).
/// </summary>
[MemoryDiagnoser]
public class NerBenchmarks
{
    private const string Paragraph =
        "Russian President Vladimir Putin met U.S. special envoy Steve Witkoff in Moscow on Thursday, the Kremlin said. " +
        "Dmitry Peskov, the Kremlin spokesman, told reporters that the talks lasted more than four hours. " +
        "In Washington, White House Press Secretary Karoline Leavitt said President Donald Trump was hopeful about a ceasefire in Ukraine. " +
        "French President Emmanuel Macron and British Prime Minister Keir Starmer will host European leaders in Paris next week, " +
        "while Ukrainian President Volodymyr Zelenskyy is expected to travel to Brussels to meet NATO officials. ";

    private string _text = "";
    private string[][] _sentences = [];
    private EntityRecognizer _recognizer = null!;

    public int TokenCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = string.Concat(Enumerable.Repeat(Paragraph, 40));
        _recognizer = EntityRecognizer.Embedded.Value;
        var tokens = Tokenizer.Tokenize(_text);
        var sentences = SentenceSplitter.Split(_text, tokens);
        _sentences = sentences.Select(s => tokens.Skip(s.FirstToken).Take(s.TokenCount).Select(t => t.Text).ToArray()).ToArray();
        TokenCount = tokens.Length;
        Console.WriteLine($"// NER benchmark text: {TokenCount} tokens in {_sentences.Length} sentences");
    }

    /// <summary>The recogniser alone, over tokenised sentences.</summary>
    [Benchmark]
    public int Recognize()
    {
        int found = 0;
        foreach (var s in _sentences) found += _recognizer.Recognize(s).Count;
        return found;
    }

    /// <summary>Tokens, sentences and entities from raw text.</summary>
    [Benchmark]
    public int TokenizeSplitRecognize()
    {
        var tokens = Tokenizer.Tokenize(_text);
        var sentences = SentenceSplitter.Split(_text, tokens);
        int found = 0;
        var words = new List<string>();
        foreach (var s in sentences)
        {
            words.Clear();
            for (int i = s.FirstToken; i < s.FirstToken + s.TokenCount; i++) words.Add(tokens[i].Text);
            found += _recognizer.Recognize(words).Count;
        }
        return found;
    }
}
