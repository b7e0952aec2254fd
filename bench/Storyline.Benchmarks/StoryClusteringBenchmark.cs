using BenchmarkDotNet.Attributes;
using NodaTime;
using Storyline.Documents;
using Storyline.Stories;

namespace Storyline.Benchmarks;

/// <summary>
/// Story clustering throughput on a generated corpus: articles about many synthetic events, each event with its
/// own names, place, numbers and date, told in varied wording. Articles/s = N / mean time of one batch.
/// Run: <c>dotnet run -c Release --project bench/Storyline.Benchmarks -- --filter *StoryClustering*</c>.
/// </summary>
[MemoryDiagnoser]
public class StoryClusteringBenchmark
{
    [Params(1_000, 10_000)]
    public int Articles;

    private AnalyzedArticle[] _corpus = [];

    [GlobalSetup]
    public void Setup() => _corpus = SyntheticNews.Generate(Articles, seed: 7).Select(a => new AnalyzedArticle(a)).ToArray();

    [Benchmark]
    public int ClusterBatch()
    {
        var index = new StoryIndex();
        index.Add(_corpus);
        return index.Stories.Count;
    }

    /// <summary>The incremental path: half the corpus, save and load, then the other half.</summary>
    [Benchmark]
    public int ClusterTwoBatches()
    {
        var index = new StoryIndex();
        index.Add(_corpus.Where((_, i) => i % 2 == 0));
        index = StoryIndex.FromBytes(index.ToBytes()).Value;
        index.Add(_corpus.Where((_, i) => i % 2 == 1));
        return index.Stories.Count;
    }

    [Benchmark]
    public int NearDuplicates() => new NearDuplicateDetector().Find(_corpus.Select(a => a.Article).ToList()).Count;
}

/// <summary>A deterministic generator of news-like articles: about 8 articles per event, 60-120 words each.</summary>
public static class SyntheticNews
{
    private static readonly string[] Syllables = ["ka", "lo", "ver", "mi", "dan", "tor", "sel", "ru", "bra", "ne", "os", "tin", "gar", "pe", "lus", "wen"];
    private static readonly string[] EventWords = ["flood", "election", "strike", "fire", "merger", "trial", "storm", "protest", "launch", "crash", "summit", "verdict"];
    private static readonly string[] Verbs = ["announced", "confirmed", "warned", "denied", "promised", "reported", "urged", "rejected"];
    private static readonly string[] Fillers = ["officials", "residents", "the ministry", "investors", "police", "witnesses", "the council", "analysts", "the company", "rescuers"];
    private static readonly string[] Nouns = ["damage", "talks", "agreement", "evidence", "costs", "delays", "support", "losses", "plans", "claims", "repairs", "funding"];

    public static List<Article> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var articles = new List<Article>(count);
        int events = Math.Max(1, count / 8);
        var start = new LocalDate(2024, 1, 1);
        for (int i = 0; i < count; i++)
        {
            int e = random.Next(events);
            var eventRandom = new Random(e * 7919 + seed);
            string person = Name(eventRandom) + " " + Name(eventRandom), place = Name(eventRandom), organisation = Name(eventRandom) + " Group";
            string kind = EventWords[eventRandom.Next(EventWords.Length)];
            int number = eventRandom.Next(10, 5000);
            var date = start.PlusDays(eventRandom.Next(365) + random.Next(3));
            var text = new System.Text.StringBuilder();
            text.Append($"{person} {Verbs[random.Next(Verbs.Length)]} on Tuesday that the {kind} in {place} had affected {number} people. ");
            int sentences = 4 + random.Next(4);
            for (int s = 0; s < sentences; s++)
                text.Append($"{Capital(Fillers[random.Next(Fillers.Length)])} in {place} {Verbs[random.Next(Verbs.Length)]} new {Nouns[random.Next(Nouns.Length)]} after the {kind}, and {organisation} {Verbs[random.Next(Verbs.Length)]} {Nouns[random.Next(Nouns.Length)]}. ");
            var body = text.ToString();
            var id = $"a{i:D6}";
            articles.Add(new Article(id, id, $"{Capital(kind)} in {place}: {person} speaks", body, new PublicationDate(date, DateBases.Metadata),
                new TextSpan(0, body.Length), [], DocumentMetadata.Empty));
        }
        return articles;
    }

    private static string Name(Random random) =>
        Capital(string.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => Syllables[random.Next(Syllables.Length)])));

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
