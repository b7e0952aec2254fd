using Storyline.Evaluation;

namespace Storyline.Language.Ner;

/// <summary>Exact-match span scoring per type and overall (micro), in a corpus's own label set.</summary>
public sealed class NerScore
{
    public SortedDictionary<string, PrfCounts> ByType { get; } = new(StringComparer.Ordinal);
    public PrfCounts Micro { get; private set; }
    public int Sentences { get; private set; }
    public int Tokens { get; private set; }

    public void Add(int tokenCount, IEnumerable<NerSpan> predicted, IEnumerable<NerSpan> gold)
    {
        Sentences++;
        Tokens += tokenCount;
        var p = predicted.ToHashSet();
        var g = gold.ToHashSet();
        foreach (var type in p.Select(s => s.Type).Concat(g.Select(s => s.Type)).Distinct())
        {
            var counts = PrfCounts.Compare(p.Where(s => s.Type == type), g.Where(s => s.Type == type));
            ByType[type] = ByType.GetValueOrDefault(type) + counts;
            Micro += counts;
        }
    }

    /// <summary>
    /// Our mention types as a corpus's labels: GPE and LOC are LOC. NORP is dropped, except for MEANTIME, which
    /// marks nationality adjectives ("German") as mentions of the country (LOC).
    /// </summary>
    public static string? CorpusLabel(string entityType, string corpusFormat) =>
        entityType == EntityTypes.Nationality ? (corpusFormat == "meantime-xml" ? NerLabels.Location : null) : NerLabels.ToCorpus(entityType);

    /// <summary>Runs the recogniser over sentences and scores it; also returns the predictions in corpus labels.</summary>
    public static (NerScore Score, List<NerSpan[]> Predictions, double TokensPerSecond) Run(EntityRecognizer recognizer, IReadOnlyList<NerSentence> sentences, string corpusFormat, string? domain = NerDomains.News)
    {
        var predictions = new List<NerSpan[]>(sentences.Count);
        // Tags come from the language layer in the pipeline, so they are computed before the clock starts.
        var tags = recognizer.Model.UsesPos ? sentences.Select(s => (IReadOnlyList<string?>?)EntityRecognizer.PennTags(s.Tokens)).ToList() : null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Sentences are recognised document by document (consecutive sentences sharing a document id), as the
        // pipeline does, so that a document's names agree across its sentences.
        var raw = new List<List<RecognizedEntity>>(sentences.Count);
        for (int start = 0; start < sentences.Count;)
        {
            int end = start + 1;
            while (end < sentences.Count && sentences[end].DocumentId == sentences[start].DocumentId) end++;
            raw.AddRange(recognizer.RecognizeDocument(sentences.Skip(start).Take(end - start).Select(x => (IReadOnlyList<string>)x.Tokens).ToList(), domain,
                tags?.Skip(start).Take(end - start).ToList()));
            start = end;
        }
        clock.Stop();
        for (int i = 0; i < sentences.Count; i++)
            predictions.Add(raw[i].Select(e => CorpusLabel(e.Type, corpusFormat) is { } label ? new NerSpan(e.Start, e.End, label) : (NerSpan?)null)
                .OfType<NerSpan>().ToArray());
        var score = Of(sentences, predictions, corpusFormat);
        double tps = clock.Elapsed.TotalSeconds > 0 ? score.Tokens / clock.Elapsed.TotalSeconds : 0;
        return (score, predictions, tps);
    }

    /// <summary>Scores predictions already in the corpus's labels (ours or a peer system's).</summary>
    public static NerScore Of(IReadOnlyList<NerSentence> sentences, IReadOnlyList<NerSpan[]> predictions, string corpusFormat)
    {
        var score = new NerScore();
        for (int i = 0; i < sentences.Count; i++)
            score.Add(sentences[i].Tokens.Length, predictions[i], sentences[i].Spans.Where(s => s.Type != NerLabels.Nationality || corpusFormat == "meantime-xml"));
        return score;
    }

    public IEnumerable<IReadOnlyList<string>> Rows() =>
        ByType.Select(kv => Row(kv.Key, kv.Value)).Append(Row("micro", Micro));

    private static IReadOnlyList<string> Row(string name, PrfCounts c) =>
        [name, EvaluationReport.Format(c.Precision), EvaluationReport.Format(c.Recall), EvaluationReport.Format(c.F1), (c.TruePositives + c.FalseNegatives).ToString()];

    public static readonly string[] Columns = ["type", "precision", "recall", "F1", "gold"];
}
