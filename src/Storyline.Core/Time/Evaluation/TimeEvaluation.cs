using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storyline.Evaluation;
using Storyline.Language.Pos;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;

namespace Storyline.Time.Evaluation;

/// <summary>A system's time expression in a TimeML document's plain text, as written with <c>--predictions</c>.</summary>
public sealed record PredictedTimex(int Start, int End, string Type, string? Value);

/// <summary>
/// TempEval-3 Task A figures for one set of documents: strict and relaxed span precision/recall/F1, and type and
/// value accuracy over the relaxed-matched pairs; attribute F1 = relaxed F1 × attribute accuracy, as the official
/// scorer computes it. Relaxed precision counts predictions overlapping some gold expression; relaxed recall counts
/// gold expressions overlapped by some prediction.
/// </summary>
public sealed record TimexScores(PrfCounts Strict, int Predicted, int Gold, int RelaxedPredicted, int RelaxedGold, int MatchedPairs, int TypeCorrect, int ValueCorrect)
{
    public double RelaxedPrecision => Predicted == 0 ? 0 : (double)RelaxedPredicted / Predicted;
    public double RelaxedRecall => Gold == 0 ? 0 : (double)RelaxedGold / Gold;
    public double RelaxedF1 => RelaxedPrecision + RelaxedRecall == 0 ? 0 : 2 * RelaxedPrecision * RelaxedRecall / (RelaxedPrecision + RelaxedRecall);
    public double TypeAccuracy => MatchedPairs == 0 ? 0 : (double)TypeCorrect / MatchedPairs;
    public double ValueAccuracy => MatchedPairs == 0 ? 0 : (double)ValueCorrect / MatchedPairs;
    public double TypeF1 => RelaxedF1 * TypeAccuracy;
    public double ValueF1 => RelaxedF1 * ValueAccuracy;

    public static TimexScores operator +(TimexScores a, TimexScores b) =>
        new(a.Strict + b.Strict, a.Predicted + b.Predicted, a.Gold + b.Gold, a.RelaxedPredicted + b.RelaxedPredicted, a.RelaxedGold + b.RelaxedGold,
            a.MatchedPairs + b.MatchedPairs, a.TypeCorrect + b.TypeCorrect, a.ValueCorrect + b.ValueCorrect);

    public static TimexScores Empty { get; } = new(default, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Scores one document. For type and value, each gold expression is paired with at most one overlapping prediction (the exact span first, else the largest overlap).</summary>
    public static TimexScores Score(IReadOnlyList<GoldTimex> gold, IReadOnlyList<PredictedTimex> predicted)
    {
        static bool Overlap(GoldTimex g, PredictedTimex p) => Math.Min(g.End, p.End) > Math.Max(g.Start, p.Start);
        int strictTp = predicted.Count(p => gold.Any(g => g.Start == p.Start && g.End == p.End));
        var strict = new PrfCounts(strictTp, predicted.Count - strictTp, gold.Count - strictTp);

        var used = new bool[predicted.Count];
        int pairs = 0, typeOk = 0, valueOk = 0;
        foreach (var g in gold)
        {
            int best = -1, bestOverlap = 0;
            for (int i = 0; i < predicted.Count; i++)
            {
                if (used[i] || !Overlap(g, predicted[i])) continue;
                int overlap = predicted[i].Start == g.Start && predicted[i].End == g.End ? int.MaxValue
                    : Math.Min(g.End, predicted[i].End) - Math.Max(g.Start, predicted[i].Start);
                if (overlap > bestOverlap) { bestOverlap = overlap; best = i; }
            }
            if (best < 0) continue;
            used[best] = true;
            pairs++;
            if (predicted[best].Type == g.Type) typeOk++;
            if (string.Equals(predicted[best].Value, g.Value, StringComparison.Ordinal)) valueOk++;
        }
        return new TimexScores(strict, predicted.Count, gold.Count,
            predicted.Count(p => gold.Any(g => Overlap(g, p))), gold.Count(g => predicted.Any(p => Overlap(g, p))),
            pairs, typeOk, valueOk);
    }
}

/// <summary>
/// <c>storyline eval time</c>: runs the time tagger over TimeML documents, with each document's DCT as the clock,
/// and reports TempEval-3 Task A figures per folder (TimeBank, AQUAINT…) and overall, plus speed.
/// </summary>
public sealed class TimeEvaluation : IEvaluation
{
    public string Task => "time";
    public string Description => "TIMEX3 recognition and normalisation on TimeML (.tml) files, TempEval-3 scoring";
    public string DefaultDataset => "tempeval3";

    /// <summary>The .tml files under <paramref name="folder"/>, grouped by the folder that holds them; a split keeps the groups whose path contains it.</summary>
    public static IReadOnlyList<(string Group, IReadOnlyList<string> Files)> FindDocuments(string folder, string? split)
    {
        return Directory.EnumerateFiles(folder, "*.tml", SearchOption.AllDirectories)
            .Where(f => split is null || Path.GetRelativePath(folder, f).Contains(split, StringComparison.OrdinalIgnoreCase))
            .GroupBy(f => Path.GetFileName(Path.GetDirectoryName(f))!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.OrderBy(f => f, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    /// <summary>
    /// Runs the tagger the way the pipeline does — tokens, sentences and part-of-speech tags first, for the tense —
    /// and, for comparison, on raw text with the lexical tense cues only. The first is the reported system; its
    /// speed includes tokenising and tagging.
    /// </summary>
    public Outcome<EvaluationReport> Run(EvaluationRequest request)
    {
        var tagger = TimeTagger.Default;
        var pos = PosTagger.Shipped;
        Func<TimeMLDocument, IReadOnlyList<PredictedTimex>> withTags = doc =>
        {
            var tokens = Tokenizer.Tokenize(doc.Text);
            var sentences = SentenceSplitter.Split(doc.Text, tokens);
            var tagged = pos.Value.Tag(tokens, sentences);
            return Predictions(tagger.Tag(doc.Text, doc.CreationTime, sentences, tagged));
        };
        Func<TimeMLDocument, IReadOnlyList<PredictedTimex>> lexical = doc => Predictions(tagger.Tag(doc.Text, doc.CreationTime));

        var main = Evaluate(request, pos.Success ? "storyline (with POS tags)" : "storyline (lexical tense cues)", pos.Success ? withTags : lexical, timed: true, figurePrefix: "time.");
        if (!main.TryGetValue(out var report)) return main;
        if (!pos.Success) report.Notes.Add($"no POS model ({pos.Problem}); tense from lexical cues only");
        else if (Evaluate(request with { PredictionsPath = null }, "storyline on raw text (lexical tense cues only)", lexical, timed: true, figurePrefix: "time.lexical.").TryGetValue(out var raw))
        {
            report.Tables.AddRange(raw.Tables);
            foreach (var (k, v) in raw.Figures) report.Figures[k] = v;
        }
        return Outcome<EvaluationReport>.Ok(report);
    }

    private static IReadOnlyList<PredictedTimex> Predictions(IEnumerable<TimeExpression> tagged) =>
        tagged.Select(t => new PredictedTimex(t.Span.Start, t.Span.End, t.Type, t.Value)).ToList();

    /// <summary>
    /// Scores another system's output, written in the <c>--predictions</c> format, against the same documents (used
    /// for the side-by-side with chrono-node and compromise-dates). A document missing from the file counts as
    /// having no predictions.
    /// </summary>
    public Outcome<EvaluationReport> ScorePredictions(EvaluationRequest request, string predictionsFile, string systemName)
    {
        if (!File.Exists(predictionsFile)) return Outcome<EvaluationReport>.Fail($"predictions file not found: {predictionsFile}");
        JsonObject predictions;
        try
        {
            predictions = JsonNode.Parse(File.ReadAllText(predictionsFile))?.AsObject() ?? new JsonObject();
        }
        catch (JsonException e)
        {
            return Outcome<EvaluationReport>.Fail($"{predictionsFile} is not valid JSON: {e.Message}");
        }
        return Evaluate(request with { PredictionsPath = null }, systemName, doc =>
            predictions[doc.Name] is JsonArray list
                ? list.OfType<JsonObject>().Select(p => new PredictedTimex(
                    (int)p["start"]!, (int)p["end"]!, (string?)p["type"] ?? TimexTypes.Date, (string?)p["value"])).ToList()
                : [], timed: false, figurePrefix: "time.");
    }

    private Outcome<EvaluationReport> Evaluate(EvaluationRequest request, string systemName, Func<TimeMLDocument, IReadOnlyList<PredictedTimex>> system, bool timed, string figurePrefix)
    {
        var groups = FindDocuments(request.DataFolder, request.Split);
        if (groups.Count == 0)
            return Outcome<EvaluationReport>.Fail($"no .tml files under {request.DataFolder}{(request.Split is null ? "" : $" matching split '{request.Split}'")}");

        var report = new EvaluationReport(Task, request.DataFolder + (request.Split is null ? "" : $" (split {request.Split})"));
        var predictionsJson = new JsonObject();
        var rows = new List<IReadOnlyList<string>>();
        var total = TimexScores.Empty;
        int totalDocs = 0, totalWords = 0;
        var totalTime = TimeSpan.Zero;
        int remaining = request.Limit ?? int.MaxValue;
        bool warm = !timed;

        foreach (var (group, files) in groups)
        {
            var scores = TimexScores.Empty;
            int docs = 0, words = 0;
            var watch = new Stopwatch();
            foreach (var file in files)
            {
                if (remaining-- <= 0) break;
                var parsed = TimeMLDocument.Load(file);
                if (!parsed.TryGetValue(out var doc)) { report.Notes.Add($"skipped {file}: {parsed.Problem}"); continue; }
                // The first call pays for compiling the rules; it is not counted in the speed.
                if (!warm) { system(doc); warm = true; }
                watch.Start();
                var predicted = system(doc);
                watch.Stop();
                scores += TimexScores.Score(doc.Timexes, predicted);
                docs++;
                words += doc.WordCount;
                if (request.PredictionsPath is not null)
                    predictionsJson[doc.Name] = new JsonArray(predicted.Select(p => (JsonNode?)new JsonObject
                    {
                        ["start"] = p.Start,
                        ["end"] = p.End,
                        ["type"] = p.Type,
                        ["value"] = p.Value,
                    }).ToArray());
            }
            if (docs == 0) continue;
            request.Progress?.Report($"{group}: {docs} documents");
            rows.Add(Row(group, docs, scores, words, timed ? watch.Elapsed : null));
            AddFigures(report, figurePrefix + group.ToLowerInvariant(), scores, docs, words, timed ? watch.Elapsed : null);
            total += scores;
            totalDocs += docs;
            totalWords += words;
            totalTime += watch.Elapsed;
        }
        if (rows.Count > 1) rows.Add(Row("all", totalDocs, total, totalWords, timed ? totalTime : null));
        AddFigures(report, figurePrefix + "all", total, totalDocs, totalWords, timed ? totalTime : null);
        report.AddTable($"TempEval-3 Task A (time expressions): {systemName}",
            ["set", "docs", "gold", "strict P", "strict R", "strict F1", "relaxed P", "relaxed R", "relaxed F1", "type acc", "value acc", "type F1", "value F1", "docs/s", "words/s"],
            rows);
        report.Notes.Add("Relaxed = any overlap. Type/value accuracy over relaxed-matched pairs; attribute F1 = relaxed F1 × accuracy (TempEval-3 scorer).");
        report.Notes.Add("References on the TE3 platinum test: HeidelTime value F1 77.61, SUTime 67.38.");

        if (request.PredictionsPath is not null)
            File.WriteAllText(request.PredictionsPath, predictionsJson.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        return Outcome<EvaluationReport>.Ok(report);
    }

    private static IReadOnlyList<string> Row(string group, int docs, TimexScores s, int words, TimeSpan? elapsed)
    {
        string P(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture);
        double seconds = Math.Max(elapsed?.TotalSeconds ?? 0, 1e-9);
        return [group, docs.ToString(CultureInfo.InvariantCulture), s.Gold.ToString(CultureInfo.InvariantCulture),
            P(s.Strict.Precision), P(s.Strict.Recall), P(s.Strict.F1),
            P(s.RelaxedPrecision), P(s.RelaxedRecall), P(s.RelaxedF1),
            P(s.TypeAccuracy), P(s.ValueAccuracy), P(s.TypeF1), P(s.ValueF1),
            elapsed is null ? "-" : (docs / seconds).ToString("0", CultureInfo.InvariantCulture),
            elapsed is null ? "-" : (words / seconds).ToString("0", CultureInfo.InvariantCulture)];
    }

    private static void AddFigures(EvaluationReport report, string key, TimexScores s, int docs, int words, TimeSpan? elapsed)
    {
        string k = key + ".";
        report.Figures[k + "strict.precision"] = s.Strict.Precision;
        report.Figures[k + "strict.recall"] = s.Strict.Recall;
        report.Figures[k + "strict.f1"] = s.Strict.F1;
        report.Figures[k + "relaxed.precision"] = s.RelaxedPrecision;
        report.Figures[k + "relaxed.recall"] = s.RelaxedRecall;
        report.Figures[k + "relaxed.f1"] = s.RelaxedF1;
        report.Figures[k + "type.accuracy"] = s.TypeAccuracy;
        report.Figures[k + "value.accuracy"] = s.ValueAccuracy;
        report.Figures[k + "type.f1"] = s.TypeF1;
        report.Figures[k + "value.f1"] = s.ValueF1;
        report.Figures[k + "documents"] = docs;
        if (elapsed is { } e) report.Figures[k + "words_per_second"] = words / Math.Max(e.TotalSeconds, 1e-9);
    }
}
