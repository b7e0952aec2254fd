namespace Storyline.Evaluation;

/// <summary>True positives, false positives and false negatives, with precision, recall and F1 derived from them.</summary>
public record struct PrfCounts(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public readonly double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public readonly double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public readonly double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static PrfCounts operator +(PrfCounts a, PrfCounts b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);

    /// <summary>Counts exact matches between a predicted and a gold set (each item counted once).</summary>
    public static PrfCounts Compare<T>(IEnumerable<T> predicted, IEnumerable<T> gold)
    {
        var g = gold.ToHashSet();
        var p = predicted.ToHashSet();
        int tp = p.Count(g.Contains);
        return new PrfCounts(tp, p.Count - tp, g.Count - tp);
    }
}
