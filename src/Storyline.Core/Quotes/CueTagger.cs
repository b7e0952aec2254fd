using Storyline.Learning;
using Storyline.Language.Pos;

namespace Storyline.Quotes;

/// <summary>
/// A learned attribution-cue tagger: for each token of a sentence, whether it begins (B), continues (I) or is outside
/// (O) a cue as PolNeAR marks them. The cue lexicon only knows speech and thought verbs; PolNeAR also counts stances
/// and findings ("criticized", "backs", "is expected", "called for"), which no word list covers, so the tagger decides
/// from the word, its part of speech and its neighbours. Part of <see cref="QuoteModel"/>.
/// </summary>
public sealed class CueTagger
{
    public const int MaxFeatures = 40;
    public static readonly string[] Classes = ["O", "B", "I"];

    public CueTagger(AveragedPerceptron perceptron) => Perceptron = perceptron;

    public AveragedPerceptron Perceptron { get; }

    /// <summary>The cue spans of one sentence, as (first token, token count), sentence-relative.</summary>
    public List<(int First, int Length)> Tag(IReadOnlyList<string> words, IReadOnlyList<string> penn, CueLexicon lexicon)
    {
        return Runs(Labels(words, penn, lexicon));
    }

    /// <summary>The B/I runs of a label sequence (0 = O, 1 = B, 2 = I) as (first token, token count).</summary>
    internal static List<(int First, int Length)> Runs(int[] labels)
    {
        var runs = new List<(int, int)>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 1) continue;
            int last = i;
            while (last + 1 < labels.Length && labels[last + 1] == 2) last++;
            runs.Add((i, last - i + 1));
            i = last;
        }
        return runs;
    }

    /// <summary>The best label sequence (0 = O, 1 = B, 2 = I) under the tagger's first-order scores, found by Viterbi
    /// search; an I only follows a B or an I. (Greedy left-to-right choice cannot take back a B that a later token
    /// shows to be wrong.) A positive <paramref name="bias"/> favours B, to propose more cues for a later filter;
    /// <paramref name="margins"/>, when given, receives each token's B score minus its O score on the chosen path.</summary>
    public int[] Labels(IReadOnlyList<string> words, IReadOnlyList<string> penn, CueLexicon lexicon, float bias = 0f, float[]? margins = null)
    {
        var context = new Context(words, penn, lexicon);
        var scores = Scores(context);
        if (bias != 0f) foreach (var s in scores) for (int p = 0; p < States; p++) s[p * States + 1] += bias;
        var labels = Viterbi(scores);
        if (margins is not null)
            for (int i = 0; i < labels.Length; i++)
            {
                int previous = i > 0 ? labels[i - 1] : 0;
                margins[i] = scores[i][previous * States + 1] - scores[i][previous * States];
            }
        return labels;
    }

    private const int States = 3;

    /// <summary>For each token, the score of each label after each previous label (row = previous label).</summary>
    internal float[][] Scores(Context context)
    {
        var all = new float[context.Count][];
        Span<ulong> features = stackalloc ulong[MaxFeatures];
        for (int i = 0; i < context.Count; i++)
        {
            all[i] = new float[States * States];
            for (int previous = 0; previous < (i == 0 ? 1 : States); previous++)
            {
                int n = Features(context, i, previous, features);
                var row = all[i].AsSpan(previous * States, States);
                Perceptron.Score(features[..n], row);
                // An I never follows an O; the row's I score is never trained, so it must not be read.
                if (previous == 0) row[2] = float.NegativeInfinity;
            }
        }
        return all;
    }

    /// <summary>The highest-scoring label sequence; the first token's previous label is O.</summary>
    internal static int[] Viterbi(float[][] scores)
    {
        int count = scores.Length;
        var labels = new int[count];
        if (count == 0) return labels;
        var best = new float[count, States];
        var back = new int[count, States];
        for (int c = 0; c < States; c++) best[0, c] = c == 2 ? float.NegativeInfinity : scores[0][c];
        for (int i = 1; i < count; i++)
            for (int c = 0; c < States; c++)
            {
                best[i, c] = float.NegativeInfinity;
                for (int p = 0; p < States; p++)
                {
                    if (c == 2 && p == 0) continue;
                    float s = best[i - 1, p] + scores[i][p * States + c];
                    if (s > best[i, c]) { best[i, c] = s; back[i, c] = p; }
                }
            }
        int last = 0;
        for (int c = 1; c < States; c++) if (best[count - 1, c] > best[count - 1, last]) last = c;
        for (int i = count - 1; i >= 0; i--) { labels[i] = last; last = back[i, last]; }
        return labels;
    }

    /// <summary>Per-sentence values the features of every token share.</summary>
    internal sealed class Context
    {
        public readonly int Count;
        public readonly ulong[] Lower, Suffix, Pos;
        public readonly uint[] Cluster;
        public readonly bool[] InLexicon, Capitalised, QuoteMark;

        public Context(IReadOnlyList<string> words, IReadOnlyList<string> penn, CueLexicon lexicon)
        {
            Count = words.Count;
            Lower = new ulong[Count]; Suffix = new ulong[Count]; Pos = new ulong[Count];
            Cluster = new uint[Count];
            InLexicon = new bool[Count]; Capitalised = new bool[Count]; QuoteMark = new bool[Count];
            Span<char> lower = stackalloc char[64];
            for (int i = 0; i < Count; i++)
            {
                var w = words[i].AsSpan();
                if (w.Length > lower.Length) w = w[..lower.Length];
                int n = w.ToLowerInvariant(lower);
                Lower[i] = Hashing.Fnv1a(lower[..n]);
                Suffix[i] = Hashing.Fnv1a(lower[..n][Math.Max(0, n - 3)..], 7);
                Pos[i] = Hashing.Fnv1a(penn[i]);
                Cluster[i] = Clusters.Lookup(SentenceWords.Normalised(words[i], lower));
                Capitalised[i] = w.Length > 0 && char.IsUpper(w[0]);
                QuoteMark[i] = w.Length > 0 && (QuoteScanner.IsDoubleQuote(w[0]) || w is "''" or "``");
            }
            for (int i = 0; i < Count; i++) InLexicon[i] = lexicon.Match(words, i) is not null;
        }
    }

    // The POS model's word clusters, so that the cue tagger describes words it never saw as a cue like the POS tagger does.
    private static readonly WordClusters Clusters = PosTagger.Shipped.TryGetValue(out var pos) ? pos.Clusters : WordClusters.Empty;

    private static ulong F(ulong template, ulong a, ulong b = 0, ulong c = 0) => Hashing.Combine(Hashing.Combine(Hashing.Combine(template, a), b), c);

    internal static int Features(Context x, int i, int previous, Span<ulong> f)
    {
        const ulong None = 0x5EED;
        ulong W(int k) => k < 0 ? None : k >= x.Count ? None + 1 : x.Lower[k];
        ulong P(int k) => k < 0 ? None : k >= x.Count ? None + 1 : x.Pos[k];
        int n = 0;
        ulong prev = (ulong)previous + 1;
        f[n++] = F(1, 0);
        f[n++] = F(2, W(i));
        f[n++] = F(3, x.Suffix[i]);
        f[n++] = F(4, P(i));
        f[n++] = F(5, W(i - 1));
        f[n++] = F(6, P(i - 1));
        f[n++] = F(7, W(i + 1));
        f[n++] = F(8, P(i + 1));
        f[n++] = F(9, W(i - 2));
        f[n++] = F(10, P(i + 2));
        f[n++] = F(11, W(i + 2));
        f[n++] = F(12, P(i - 2));
        f[n++] = F(13, W(i), W(i + 1));
        f[n++] = F(14, W(i - 1), W(i));
        f[n++] = F(15, P(i), P(i + 1));
        f[n++] = F(16, P(i - 1), P(i));
        f[n++] = F(17, W(i), P(i + 1));
        f[n++] = F(18, P(i - 1), W(i));
        f[n++] = F(19, x.InLexicon[i] ? 1UL : 0UL);
        f[n++] = F(20, x.InLexicon[i] ? 1UL : 0UL, P(i + 1));
        f[n++] = F(21, prev);
        f[n++] = F(22, prev, W(i));
        f[n++] = F(23, prev, P(i));
        f[n++] = F(24, x.Capitalised[i] ? 1UL : 0UL, P(i));
        // A quote mark or a colon close by is the strongest sign of reported speech.
        bool quoteAfter = false, quoteBefore = false, thatAfter = false;
        for (int k = i + 1; k < Math.Min(x.Count, i + 4); k++) quoteAfter |= x.QuoteMark[k];
        for (int k = Math.Max(0, i - 3); k < i; k++) quoteBefore |= x.QuoteMark[k];
        for (int k = i + 1; k < Math.Min(x.Count, i + 5); k++) thatAfter |= x.Lower[k] == That;
        f[n++] = F(25, quoteAfter ? 1UL : 0UL, quoteBefore ? 1UL : 0UL);
        f[n++] = F(26, thatAfter ? 1UL : 0UL, P(i));
        f[n++] = F(27, thatAfter ? 1UL : 0UL, W(i));
        f[n++] = F(28, x.Suffix[i], P(i));
        f[n++] = F(29, W(i), P(i - 1), prev);
        // Whether a cue runs on ("said Friday", "called for") depends on the word after as well as the one before.
        f[n++] = F(30, prev, W(i), W(i + 1));
        f[n++] = F(31, prev, P(i), P(i + 1));
        // Out-of-lexicon speech and cognition verbs ("unleashed", "questioning") share clusters with lexicon verbs;
        // with the previous label, a cluster also learns whether its words run on as a cue ("called for").
        f[n++] = F(32, prev, WordClusters.Prefix(x.Cluster[i], 10));
        return n;
    }

    private static readonly ulong That = Hashing.Fnv1a("that");
}
