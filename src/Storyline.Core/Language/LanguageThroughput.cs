using System.Diagnostics;
using Storyline.Language.Corpora;
using Storyline.Language.Ner;
using Storyline.Language.Pos;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;

namespace Storyline.Language;

/// <summary>How fast one step of the language layer ran: tokens per second of wall-clock and of CPU time.</summary>
public sealed record ThroughputFigure(string Step, long Tokens, double WallSeconds, double CpuSeconds)
{
    public double TokensPerSecond => Tokens / Math.Max(1e-9, WallSeconds);
    public double TokensPerCpuSecond => Tokens / Math.Max(1e-9, CpuSeconds);
}

/// <summary>
/// Measures tokens per second of the language layer on one thread. CPU time is reported beside wall-clock time
/// because on a shared machine the wall clock also counts the time other processes held the core.
/// </summary>
public static class LanguageThroughput
{
    /// <summary>Raw document texts rebuilt from a UD folder's CoNLL-U files (read at run time, never stored).</summary>
    public static List<string> DocumentsFrom(string folder, string split = "test")
    {
        var file = Conllu.FindSplit(folder, split);
        if (!file.TryGetValue(out var path)) return [];
        return Conllu.ReadDocuments(path).Select(d => SentenceEvaluation.RawText(d).Text).ToList();
    }

    /// <summary>Synthetic news-like paragraphs from a small grammar of our own, for machines without the datasets.</summary>
    public static List<string> Generated(int documents, int seed = 17)
    {
        string[] people = ["Vladimir Putin", "Donald Trump", "Steve Witkoff", "Dr. Jane Smith", "Sen. Bob Lee Jr.", "George H.W. Bush", "the U.S. envoy", "Mr. O'Neill"];
        string[] verbs = ["said", "told reporters", "wrote on Tuesday", "insisted", "added", "warned"];
        string[] places = ["Moscow", "Washington, D.C.", "Butler, Pa.", "Kyiv", "the U.K.", "Riyadh"];
        string[] quotes = ["We will not back down", "The talks were productive", "Nothing has been agreed yet", "It's a 30-day ceasefire, not a peace deal", "They don't want a deal"];
        string[] facts = ["The deal is worth $12,000,000, or 3.5% of the budget.", "Talks began Sept. 11 at 9 a.m. and ended at 5 p.m.",
            "Officials met in {0} last July.", "More than 1,200 people attended the rally in {0}.", "The envoy — a former real-estate developer — arrived in {0} on Monday."];
        var rng = new Random(seed);
        string Pick(string[] items) => items[rng.Next(items.Length)];
        var result = new List<string>(documents);
        for (int d = 0; d < documents; d++)
        {
            var paragraphs = new List<string>();
            for (int p = 0; p < 6; p++)
            {
                var sentences = new List<string>();
                for (int s = 0; s < 4; s++)
                {
                    sentences.Add(rng.Next(3) switch
                    {
                        0 => $"“{Pick(quotes)},” {Pick(people)} {Pick(verbs)}.",
                        1 => string.Format(Pick(facts), Pick(places)),
                        _ => $"{char.ToUpperInvariant(Pick(people)[0])}{Pick(people)[1..]} {Pick(verbs)} that {Pick(people)} would visit {Pick(places)} soon.",
                    });
                }
                paragraphs.Add(string.Join(' ', sentences));
            }
            result.Add(string.Join('\n', paragraphs));
        }
        return result;
    }

    /// <summary>
    /// Sentences of made-up words ("Vorlemka traspined the quellors"), every word new to the tagger and the
    /// recogniser: they run the code that a word form seen for the first time runs.
    /// </summary>
    public static List<string> MadeUpWords(int documents, int seed = 17)
    {
        string[] onsets = ["b", "br", "d", "dr", "f", "g", "gl", "k", "kr", "l", "m", "n", "p", "pl", "qu", "r", "s", "st", "t", "tr", "v", "z"];
        string[] vowels = ["a", "e", "i", "o", "u", "ai", "ee", "ou"];
        string[] endings = ["", "s", "ed", "ing", "er", "ly", "ism", "ville"];
        var rng = new Random(seed);
        string Word()
        {
            var word = string.Concat(Enumerable.Range(0, 2 + rng.Next(3)).Select(_ => onsets[rng.Next(onsets.Length)] + vowels[rng.Next(vowels.Length)]));
            word += endings[rng.Next(endings.Length)];
            return rng.Next(4) == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word;
        }
        var result = new List<string>(documents);
        for (int d = 0; d < documents; d++)
        {
            var sentences = Enumerable.Range(0, 10).Select(_ =>
            {
                var words = Enumerable.Range(0, 6 + rng.Next(12)).Select(_ => Word()).ToList();
                words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
                return string.Join(' ', words) + (rng.Next(5) == 0 ? "?" : ".");
            });
            result.Add(string.Join(' ', sentences));
        }
        return result;
    }

    /// <summary>
    /// The whole layer over text it has never seen: the tagger and the recogniser cache each word form's summed
    /// weights, so repeated rounds over the same documents measure the warm cache. Here the JIT is warmed first, on
    /// made-up words (so the code a new word form runs is compiled as a long-running process has it) and on
    /// generated text; then, <paramref name="passes"/> times, the caches are emptied and every document is read
    /// once, so each word form pays for its features in every pass. One pass over a small corpus lasts a tenth of a
    /// second, so a single pass is at the mercy of whatever else the machine does; the median pass is steadier.
    /// </summary>
    /// <returns>The median pass (by CPU rate), then each step's part of it (tokens and sentences, POS, NER): a
    /// step's wall-clock time as timed in the pass, and its share of the pass's CPU time in proportion to its
    /// wall-clock time; then, with several passes, the slowest and the fastest pass, and all passes together.</returns>
    public static List<ThroughputFigure> MeasureUnseen(IReadOnlyList<string> documents, PosTagger tagger, EntityRecognizer recognizer, int passes = 1)
    {
        foreach (var text in MadeUpWords(30)) RunLayer(text, tagger, recognizer);
        var warmUpText = Generated(300);
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < 3)
            foreach (var text in warmUpText) RunLayer(text, tagger, recognizer);
        passes = Math.Max(1, passes);
        string name = passes > 1 ? $"tokenizer + sentences + POS + NER, unseen text, median of {passes} passes" : "tokenizer + sentences + POS + NER, one pass over unseen text";
        var runs = new List<(ThroughputFigure Pass, long[] Steps)>();
        for (int p = 0; p < passes; p++)
        {
            tagger.ForgetWords();
            recognizer.Model.ForgetWords();
            var steps = new long[3];
            runs.Add((Time(name, documents, 1, text => RunLayer(text, tagger, recognizer, steps)), steps));
        }
        runs.Sort((a, b) => a.Pass.TokensPerCpuSecond.CompareTo(b.Pass.TokensPerCpuSecond));
        var (pass, passSteps) = runs[runs.Count / 2];
        var figures = new List<ThroughputFigure> { pass };
        string[] names = ["  of which tokenizer + sentences", "  of which POS", "  of which NER"];
        double cpuPerWall = pass.CpuSeconds / Math.Max(1e-9, pass.WallSeconds);
        for (int k = 0; k < passSteps.Length; k++)
        {
            double wall = passSteps[k] / (double)Stopwatch.Frequency;
            figures.Add(new ThroughputFigure(names[k], pass.Tokens, wall, wall * cpuPerWall));
        }
        if (runs.Count > 1)
        {
            figures.Add(runs[0].Pass with { Step = "slowest pass" });
            figures.Add(runs[^1].Pass with { Step = "fastest pass" });
            // All passes together: every pass's share of the collections the passes cause (about one per pass over
            // EWT test), where a single pass either holds one or not, so this moves less from sitting to sitting.
            figures.Add(new ThroughputFigure($"all {runs.Count} passes", runs.Sum(r => r.Pass.Tokens), runs.Sum(r => r.Pass.WallSeconds), runs.Sum(r => r.Pass.CpuSeconds)));
        }
        return figures;
    }

    /// <param name="steps">When given, the Stopwatch ticks of each step are added to it: tokens and sentences, POS, NER.</param>
    private static int RunLayer(string text, PosTagger tagger, EntityRecognizer recognizer, long[]? steps = null)
    {
        long start = Stopwatch.GetTimestamp();
        var tokens = Tokenizer.Tokenize(text);
        var sentences = SentenceSplitter.Split(text, tokens);
        long split = Stopwatch.GetTimestamp();
        var tagged = tagger.Tag(tokens, sentences);
        long tagging = Stopwatch.GetTimestamp();
        NerStage.FindMentions(recognizer, text, tagged, [.. sentences]);
        if (steps is not null)
        {
            long end = Stopwatch.GetTimestamp();
            steps[0] += split - start;
            steps[1] += tagging - split;
            steps[2] += end - tagging;
        }
        return tokens.Length;
    }

    /// <summary>Runs the tokenizer alone, then with sentences, then with tagging, then (given a recogniser) with named
    /// entities as the pipeline finds them, over all documents, <paramref name="rounds"/> times each.</summary>
    public static List<ThroughputFigure> Measure(IReadOnlyList<string> documents, PosTagger tagger, int rounds = 3, EntityRecognizer? recognizer = null)
    {
        // Warm-up rounds so the JIT has compiled (and re-compiled with profile data, which happens in the background
        // after a delay) the hot paths before timing: at least two rounds and three seconds.
        var warmUp = Stopwatch.StartNew();
        for (int round = 0; round < 2 || warmUp.Elapsed.TotalSeconds < 3; round++)
            foreach (var text in documents)
            {
                if (recognizer is not null) { RunLayer(text, tagger, recognizer); continue; }
                var tokens = Tokenizer.Tokenize(text);
                tagger.Tag(tokens, SentenceSplitter.Split(text, tokens));
            }
        var figures = new List<ThroughputFigure>
        {
            Time("tokenizer", documents, rounds, text => Tokenizer.Tokenize(text).Length),
            Time("tokenizer + sentences", documents, rounds, text =>
            {
                var tokens = Tokenizer.Tokenize(text);
                SentenceSplitter.Split(text, tokens);
                return tokens.Length;
            }),
            Time("tokenizer + sentences + POS", documents, rounds, text =>
            {
                var tokens = Tokenizer.Tokenize(text);
                return tagger.Tag(tokens, SentenceSplitter.Split(text, tokens)).Length;
            }),
        };
        if (recognizer is not null)
            figures.Add(Time("tokenizer + sentences + POS + NER", documents, rounds, text => RunLayer(text, tagger, recognizer)));
        return figures;
    }

    private static ThroughputFigure Time(string step, IReadOnlyList<string> documents, int rounds, Func<string, int> run)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long tokens = 0;
        for (int r = 0; r < rounds; r++)
            foreach (var text in documents) tokens += run(text);
        watch.Stop();
        process.Refresh();
        return new ThroughputFigure(step, tokens, watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }
}
