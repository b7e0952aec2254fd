using System.Diagnostics;
using System.Text.Json;
using Storyline.Evaluation;
using Storyline.Language.Corpora;

namespace Storyline.Language.Pos;

/// <summary>What the tagger got right on gold tokens.</summary>
public sealed record PosScore(int Tokens, int UniversalCorrect, int PennCorrect, double Seconds)
{
    public double UniversalAccuracy => Tokens == 0 ? 0 : (double)UniversalCorrect / Tokens;
    public double PennAccuracy => Tokens == 0 ? 0 : (double)PennCorrect / Tokens;
    /// <summary>Per universal tag: true positives, false positives, false negatives.</summary>
    public Dictionary<string, PrfCounts> ByTag { get; init; } = [];
}

/// <summary>
/// <c>storyline eval pos</c>: tags the gold UD words of each sentence with the shipped model (or <c>--model</c>) and reports UPOS and
/// Penn XPOS token accuracy, with precision/recall/F1 per universal tag.
/// </summary>
public sealed class PosEvaluation : IEvaluation
{
    public string Task => "pos";
    public string Description => "POS tagger: UPOS and XPOS token accuracy on gold UD tokens";
    public string DefaultDataset => "ud-english-ewt";

    public Outcome<EvaluationReport> Run(EvaluationRequest request)
    {
        var loaded = request.ModelPath is { } modelPath ? PosTagger.Load(modelPath) : PosTagger.Shipped;
        if (!loaded.TryGetValue(out var tagger)) return Outcome<EvaluationReport>.Fail(loaded.Problem!);
        var split = request.Split ?? "test";
        var file = Conllu.FindSplit(request.DataFolder, split);
        if (!file.TryGetValue(out var path)) return Outcome<EvaluationReport>.Fail(file.Problem!);
        var sentences = Conllu.ReadSentences(path);
        if (request.Limit is int limit) sentences = sentences.Take(limit).ToList();

        var predictions = request.PredictionsPath is null ? null : new Dictionary<string, string[]>();
        var score = Score(tagger, sentences, predictions);
        var report = new EvaluationReport(Task, $"{Path.GetFileName(path)} ({split})");
        report.AddTable("Token accuracy on gold tokens", ["tokens", "UPOS", "XPOS (Penn)", "tokens/s"],
        [[
            score.Tokens.ToString(), EvaluationReport.Format(score.UniversalAccuracy), EvaluationReport.Format(score.PennAccuracy),
            (score.Tokens / Math.Max(1e-9, score.Seconds)).ToString("N0"),
        ]]);
        report.AddTable("Per universal tag", ["tag", "precision", "recall", "F1", "gold"],
            score.ByTag.OrderByDescending(kv => kv.Value.TruePositives + kv.Value.FalseNegatives).Select(kv => (IReadOnlyList<string>)
            [
                kv.Key, EvaluationReport.Format(kv.Value.Precision), EvaluationReport.Format(kv.Value.Recall),
                EvaluationReport.Format(kv.Value.F1), (kv.Value.TruePositives + kv.Value.FalseNegatives).ToString(),
            ]));
        report.Figures["pos.upos_accuracy"] = score.UniversalAccuracy;
        report.Figures["pos.xpos_accuracy"] = score.PennAccuracy;
        report.Figures["pos.tokens"] = score.Tokens;
        if (tagger.Header is { } header) report.Notes.Add($"model: {header.TrainedWith}; trained on {header.TrainedOn}");
        if (predictions is not null) File.WriteAllText(request.PredictionsPath!, JsonSerializer.Serialize(predictions));
        return Outcome<EvaluationReport>.Ok(report);
    }

    /// <summary>Tags every sentence's gold words and counts agreement; fills <paramref name="predictions"/> (sentence id → UPOS tags) when given.</summary>
    public static PosScore Score(PosTagger tagger, IReadOnlyList<ConlluSentence> sentences, Dictionary<string, string[]>? predictions = null)
    {
        int tokens = 0, universalCorrect = 0, pennCorrect = 0;
        var byTag = new Dictionary<string, PrfCounts>();
        var watch = new Stopwatch();
        foreach (var sentence in sentences)
        {
            var words = sentence.Words.Select(w => w.Form).ToArray();
            watch.Start();
            var (universal, penn) = tagger.Tag(words);
            watch.Stop();
            for (int i = 0; i < words.Length; i++)
            {
                var gold = sentence.Words[i];
                tokens++;
                if (universal[i] == gold.Upos)
                {
                    universalCorrect++;
                    byTag[gold.Upos] = byTag.GetValueOrDefault(gold.Upos) + new PrfCounts(1, 0, 0);
                }
                else
                {
                    byTag[gold.Upos] = byTag.GetValueOrDefault(gold.Upos) + new PrfCounts(0, 0, 1);
                    byTag[universal[i]] = byTag.GetValueOrDefault(universal[i]) + new PrfCounts(0, 1, 0);
                }
                if (penn[i] == gold.Xpos) pennCorrect++;
            }
            if (predictions is not null) predictions[sentence.Id] = universal;
        }
        return new PosScore(tokens, universalCorrect, pennCorrect, watch.Elapsed.TotalSeconds) { ByTag = byTag };
    }
}
