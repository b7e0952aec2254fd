using System.Text.RegularExpressions;

namespace Storyline.Evaluation;

/// <summary>
/// The article-extraction benchmark's metric (scrapinghub/article-extraction-benchmark, evaluate.py): tokens are
/// <c>\w+</c> matches, each body becomes a multiset of 4-token shingles, and TP/FP/FN over the multisets are
/// normalised to sum to 1 so long pages weigh no more than short ones. Precision and recall are averaged over
/// pages and F1 is computed from the two means; accuracy counts the pages whose tokens are exactly the same.
/// </summary>
public static partial class ShingleMetric
{
    public const int ShingleSize = 4;

    public readonly record struct PageScore(double TruePositive, double FalsePositive, double FalseNegative, bool ExactMatch)
    {
        public double Precision => FalsePositive == 0 && FalseNegative == 0 ? 1 : TruePositive == 0 && FalsePositive == 0 ? 0 : TruePositive / (TruePositive + FalsePositive);
        public double Recall => FalsePositive == 0 && FalseNegative == 0 ? 1 : TruePositive == 0 && FalseNegative == 0 ? 0 : TruePositive / (TruePositive + FalseNegative);
    }

    public readonly record struct Summary(double Precision, double Recall, double F1, double Accuracy, int Pages);

    public static string[] Tokenize(string? text) => WordPattern().Matches(text ?? "").Select(m => m.Value).ToArray();

    public static PageScore Score(string? gold, string? predicted)
    {
        var goldTokens = Tokenize(gold);
        var predictedTokens = Tokenize(predicted);
        var goldShingles = Shingles(goldTokens);
        var predictedShingles = Shingles(predictedTokens);
        double tp = 0, fp = 0, fn = 0;
        foreach (var (key, g) in goldShingles)
        {
            int p = predictedShingles.GetValueOrDefault(key);
            tp += Math.Min(g, p);
            fn += Math.Max(0, g - p);
        }
        foreach (var (key, p) in predictedShingles) fp += Math.Max(0, p - goldShingles.GetValueOrDefault(key));
        double sum = tp + fp + fn;
        if (sum > 0) { tp /= sum; fp /= sum; fn /= sum; }
        return new PageScore(tp, fp, fn, goldTokens.AsSpan().SequenceEqual(predictedTokens));
    }

    public static Summary Summarise(IReadOnlyCollection<PageScore> pages)
    {
        if (pages.Count == 0) return new Summary(0, 0, 0, 0, 0);
        double p = pages.Average(s => s.Precision), r = pages.Average(s => s.Recall);
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new Summary(p, r, f1, pages.Average(s => s.ExactMatch ? 1.0 : 0.0), pages.Count);
    }

    private static Dictionary<string, int> Shingles(string[] tokens)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int n = Math.Min(tokens.Length, ShingleSize);
        if (n == 0) return counts;
        for (int i = 0; i + n <= tokens.Length; i++)
        {
            var key = string.Join('\u0001', tokens, i, n);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();
}
