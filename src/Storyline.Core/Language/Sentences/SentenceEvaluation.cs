using System.Text;
using System.Text.Json;
using Storyline.Documents;
using Storyline.Evaluation;
using Storyline.Language.Corpora;
using Storyline.Language.Tokenization;

namespace Storyline.Language.Sentences;

/// <summary>
/// <c>storyline eval sentences</c>: rebuilds each document's raw text from its sentences' <c># text</c> (a space
/// between sentences, a line break between paragraphs, as in our cleaned news text), splits it, and scores sentence
/// ends. Paragraph ends are given away by the line break, so the figures within paragraphs are reported too.
/// </summary>
public sealed class SentenceEvaluation : IEvaluation
{
    public string Task => "sentences";
    public string Description => "Sentence splitter: sentence boundary precision/recall/F1 on each document's raw text";
    public string DefaultDataset => "ud-english-ewt";

    public Outcome<EvaluationReport> Run(EvaluationRequest request)
    {
        var split = request.Split ?? "test";
        var file = Conllu.FindSplit(request.DataFolder, split);
        if (!file.TryGetValue(out var path)) return Outcome<EvaluationReport>.Fail(file.Problem!);
        var documents = Conllu.ReadDocuments(path);
        if (request.Limit is int limit) documents = documents.Take(limit).ToList();

        PrfCounts all = new(), inParagraph = new(), spans = new();
        var predictions = new Dictionary<string, List<int[]>>();
        int goldSentences = 0;
        foreach (var document in documents)
        {
            var (text, gold, paragraphEnds) = RawText(document);
            goldSentences += gold.Count;
            var predicted = SentenceSplitter.Split(text, Tokenizer.Tokenize(text)).Select(s => new TextSpan(s.Start, s.End)).ToList();
            // The document's last end is not a decision, so it is left out of the boundary counts.
            var goldEnds = gold.Select(s => s.End).Where(e => e != text.Length).ToList();
            var predictedEnds = predicted.Select(s => s.End).Where(e => e != text.Length).ToList();
            all += PrfCounts.Compare(predictedEnds, goldEnds);
            inParagraph += PrfCounts.Compare(predictedEnds.Where(e => !paragraphEnds.Contains(e)), goldEnds.Where(e => !paragraphEnds.Contains(e)));
            spans += PrfCounts.Compare(predicted, gold);
            if (request.PredictionsPath is not null) predictions[document.Id] = predicted.Select(s => new[] { s.Start, s.End }).ToList();
        }

        var report = new EvaluationReport(Task, $"{Path.GetFileName(path)} ({split})");
        report.AddTable($"Sentence boundaries ({documents.Count} documents, {goldSentences} sentences)",
            ["measure", "precision", "recall", "F1"],
        [
            Row("boundaries (all)", all),
            Row("boundaries within paragraphs", inParagraph),
            Row("exact sentence spans", spans),
        ]);
        Figures(report, "sentences.boundaries", all);
        Figures(report, "sentences.within_paragraphs", inParagraph);
        Figures(report, "sentences.spans", spans);
        if (request.PredictionsPath is not null)
            File.WriteAllText(request.PredictionsPath, JsonSerializer.Serialize(predictions));
        return Outcome<EvaluationReport>.Ok(report);
    }

    private static IReadOnlyList<string> Row(string name, PrfCounts c) =>
        [name, EvaluationReport.Format(c.Precision), EvaluationReport.Format(c.Recall), EvaluationReport.Format(c.F1)];

    private static void Figures(EvaluationReport report, string prefix, PrfCounts c)
    {
        report.Figures[prefix + ".precision"] = c.Precision;
        report.Figures[prefix + ".recall"] = c.Recall;
        report.Figures[prefix + ".f1"] = c.F1;
    }

    /// <summary>A document's text, its gold sentence spans, and the offsets where paragraphs end.</summary>
    public static (string Text, List<TextSpan> Sentences, HashSet<int> ParagraphEnds) RawText(ConlluDocument document)
    {
        var text = new StringBuilder();
        var sentences = new List<TextSpan>();
        var paragraphEnds = new HashSet<int>();
        foreach (var sentence in document.Sentences)
        {
            if (text.Length > 0)
            {
                if (sentence.StartsParagraph) paragraphEnds.Add(text.Length);
                text.Append(sentence.StartsParagraph ? '\n' : ' ');
            }
            int start = text.Length;
            text.Append(sentence.Text);
            sentences.Add(new TextSpan(start, text.Length));
        }
        return (text.ToString(), sentences, paragraphEnds);
    }
}
