using System.Diagnostics;
using System.Text.Json;
using Storyline.Documents;
using Storyline.Evaluation;
using Storyline.Language.Corpora;

namespace Storyline.Language.Tokenization;

/// <summary>
/// <c>storyline eval tokens</c>: runs the tokenizer on each sentence's raw <c># text</c> and scores token boundaries
/// against the UD words. UD splits multiword tokens ("don't" → do n't); where the words spell out the surface
/// token they are scored as words, otherwise the surface token is the gold unit.
/// </summary>
public sealed class TokenizationEvaluation : IEvaluation
{
    public string Task => "tokens";
    public string Description => "Tokenizer: token boundary precision/recall/F1 against UD words";
    public string DefaultDataset => "ud-english-ewt";

    public Outcome<EvaluationReport> Run(EvaluationRequest request)
    {
        var split = request.Split ?? "test";
        var file = Conllu.FindSplit(request.DataFolder, split);
        if (!file.TryGetValue(out var path)) return Outcome<EvaluationReport>.Fail(file.Problem!);
        var sentences = Conllu.ReadSentences(path);
        if (request.Limit is int limit) sentences = sentences.Take(limit).ToList();

        var counts = new PrfCounts();
        int exactSentences = 0, unaligned = 0, tokenCount = 0;
        var predictions = new Dictionary<string, List<int[]>>();
        var watch = new Stopwatch();
        foreach (var sentence in sentences)
        {
            var gold = GoldSpans(sentence);
            if (gold is null) { unaligned++; continue; }
            watch.Start();
            var tokens = Tokenizer.Tokenize(sentence.Text);
            watch.Stop();
            tokenCount += tokens.Length;
            var predicted = tokens.Select(t => new TextSpan(t.Start, t.End)).ToList();
            var sentenceCounts = PrfCounts.Compare(predicted, gold);
            counts += sentenceCounts;
            if (sentenceCounts.FalsePositives == 0 && sentenceCounts.FalseNegatives == 0) exactSentences++;
            if (request.PredictionsPath is not null) predictions[sentence.Id] = predicted.Select(s => new[] { s.Start, s.End }).ToList();
        }

        int scored = sentences.Count - unaligned;
        var report = new EvaluationReport(Task, $"{Path.GetFileName(path)} ({split})");
        report.AddTable("Token boundaries", ["sentences", "precision", "recall", "F1", "sentences exact"],
        [[
            scored.ToString(), EvaluationReport.Format(counts.Precision), EvaluationReport.Format(counts.Recall),
            EvaluationReport.Format(counts.F1), EvaluationReport.Format(scored == 0 ? 0 : (double)exactSentences / scored),
        ]]);
        report.Figures["tokens.precision"] = counts.Precision;
        report.Figures["tokens.recall"] = counts.Recall;
        report.Figures["tokens.f1"] = counts.F1;
        report.Figures["tokens.sentences_exact"] = scored == 0 ? 0 : (double)exactSentences / scored;
        report.Figures["tokens.per_second"] = watch.Elapsed.TotalSeconds > 0 ? tokenCount / watch.Elapsed.TotalSeconds : 0;
        if (unaligned > 0) report.Notes.Add($"{unaligned} sentences skipped: their words could not be aligned with their # text");
        report.Notes.Add($"tokenizer speed on this data: {tokenCount / Math.Max(1e-9, watch.Elapsed.TotalSeconds):N0} tokens/s");
        if (request.PredictionsPath is not null)
            File.WriteAllText(request.PredictionsPath, JsonSerializer.Serialize(predictions));
        return Outcome<EvaluationReport>.Ok(report);
    }

    /// <summary>The gold token spans of a sentence within its <c># text</c>, or null when the words cannot be found in it.</summary>
    public static List<TextSpan>? GoldSpans(ConlluSentence sentence)
    {
        var text = sentence.Text;
        var spans = new List<TextSpan>(sentence.Words.Count);
        int position = 0;
        int word = 0;
        int nextMultiword = 0;
        while (word < sentence.Words.Count)
        {
            var multiword = nextMultiword < sentence.MultiwordTokens.Count && sentence.MultiwordTokens[nextMultiword].FirstWord == word
                ? sentence.MultiwordTokens[nextMultiword++] : null;
            var surface = multiword?.Form ?? sentence.Words[word].Form;
            var found = Locate(text, surface, position);
            if (found is not { } span) return null;
            position = span.End;
            if (multiword is null)
            {
                spans.Add(span);
                word++;
                continue;
            }
            var parts = sentence.Words.Skip(multiword.FirstWord).Take(multiword.LastWord - multiword.FirstWord + 1).Select(w => w.Form).ToList();
            if (span.Length == surface.Length && string.Concat(parts).Equals(surface, StringComparison.OrdinalIgnoreCase))
            {
                int start = span.Start;
                foreach (var part in parts)
                {
                    spans.Add(new TextSpan(start, start + part.Length));
                    start += part.Length;
                }
            }
            else spans.Add(span);
            word = multiword.LastWord + 1;
        }
        return spans;
    }

    /// <summary>Finds <paramref name="form"/> at the next non-space position, letting white space inside the text be skipped.</summary>
    private static TextSpan? Locate(string text, string form, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
        int start = position, k = 0;
        while (k < form.Length)
        {
            if (position >= text.Length) return null;
            if (text[position] == form[k]) { position++; k++; }
            else if (char.IsWhiteSpace(text[position])) position++;
            else if (char.IsWhiteSpace(form[k])) k++;
            else return null;
        }
        return new TextSpan(start, position);
    }
}
