using BenchmarkDotNet.Attributes;
using Storyline.Evaluation;
using Storyline.Language;
using Storyline.Language.Pos;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;

namespace Storyline.Benchmarks;

/// <summary>
/// The language layer on one core, over the raw documents of UD English-GUM test when the datasets are present
/// (read at run time, never stored), else over generated news-like text. Tokens/s = <see cref="TokenCount"/>
/// divided by the mean time; the count is printed during setup.
/// </summary>
[MemoryDiagnoser]
public class LanguageBenchmarks
{
    private List<string> _documents = [];
    private PosTagger _tagger = null!;

    public int TokenCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var gum = Datasets.Find("ud-english-gum-ccby-subset");
        _documents = gum is null ? LanguageThroughput.Generated(100) : LanguageThroughput.DocumentsFrom(gum, "test");
        _tagger = PosTagger.Shipped.Value;
        TokenCount = _documents.Sum(d => Tokenizer.Tokenize(d).Length);
        Console.WriteLine($"// {_documents.Count} documents from {(gum is null ? "generated text" : "GUM test")}, {TokenCount} tokens per operation");
    }

    [Benchmark]
    public int Tokenizer_only()
    {
        int n = 0;
        foreach (var text in _documents) n += Tokenizer.Tokenize(text).Length;
        return n;
    }

    [Benchmark]
    public int Tokenizer_and_sentences()
    {
        int n = 0;
        foreach (var text in _documents)
        {
            var tokens = Tokenizer.Tokenize(text);
            n += SentenceSplitter.Split(text, tokens).Length;
        }
        return n;
    }

    [Benchmark(Baseline = true)]
    public int Tokenizer_sentences_and_pos()
    {
        int n = 0;
        foreach (var text in _documents)
        {
            var tokens = Tokenizer.Tokenize(text);
            n += _tagger.Tag(tokens, SentenceSplitter.Split(text, tokens)).Length;
        }
        return n;
    }
}
