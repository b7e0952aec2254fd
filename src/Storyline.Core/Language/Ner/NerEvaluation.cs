using System.Text.Json.Nodes;
using Storyline.Evaluation;

namespace Storyline.Language.Ner;

/// <summary>
/// <c>storyline eval ner --data &lt;folder&gt; [--split test|train|all]</c>: exact-match span P/R/F1 per type and
/// micro, in the corpus's own labels, with the recogniser's speed. The folder may be any laid out like the NER
/// folders in ../shared/datasets (.iob2, CoNLL, GUM CoNLL-U, MEANTIME XML).
/// </summary>
public sealed class NerEvaluation : IEvaluation
{
    public string Task => "ner";
    public string Description => "Named-entity span F1 (PER/ORG/LOC) on a corpus's held-out split";
    public string DefaultDataset => "uner-english-ewt";

    public Outcome<EvaluationReport> Run(EvaluationRequest request)
    {
        var loaded = NerCorpus.Load(request.DataFolder);
        if (!loaded.TryGetValue(out var corpus)) return Outcome<EvaluationReport>.Fail(loaded.Problem!);
        var split = corpus.Split(request.Split);
        if (!split.TryGetValue(out var sentences)) return Outcome<EvaluationReport>.Fail(split.Problem!);
        if (request.Limit is { } limit) sentences = sentences.Take(limit).ToList();
        var model = request.ModelPath is { } modelPath ? NerModel.Load(modelPath) : NerModel.Embedded;
        if (!model.TryGetValue(out var loadedModel)) return Outcome<EvaluationReport>.Fail(model.Problem!);
        var ner = new EntityRecognizer(loadedModel);

        var domain = NerDomains.Of(corpus);
        var (score, predictions, tokensPerSecond) = NerScore.Run(ner, sentences, corpus.Format, domain);
        var splitName = request.Split ?? "test";
        var report = new EvaluationReport(Task, $"{corpus.Name} ({splitName}: {score.Sentences} sentences, {score.Tokens} tokens)");
        report.AddTable($"NER span F1, exact match — {corpus.Name} {splitName}", NerScore.Columns, score.Rows());
        var prefix = $"ner.{corpus.Name}.{splitName}";
        report.Figures[$"{prefix}.precision"] = score.Micro.Precision;
        report.Figures[$"{prefix}.recall"] = score.Micro.Recall;
        report.Figures[$"{prefix}.f1"] = score.Micro.F1;
        foreach (var (type, counts) in score.ByType) report.Figures[$"{prefix}.{type}.f1"] = counts.F1;
        report.Figures[$"{prefix}.tokens_per_second"] = tokensPerSecond;
        report.Notes.Add($"split rule: {corpus.SplitRule}");
        report.Notes.Add($"domain: {domain} (the corpus's own conventions, learned from its training part; news text uses '{NerDomains.News}')");
        report.Notes.Add($"speed: {tokensPerSecond:N0} tokens/s (recogniser only, pre-tokenised input, one thread)");

        if (request.Compare is { } peer)
        {
            var run = PeerRecognizers.Run(peer, sentences);
            if (!run.TryGetValue(out var peerRun)) return Outcome<EvaluationReport>.Fail(run.Problem!);
            var peerScore = NerScore.Of(sentences, peerRun.Predictions, corpus.Format);
            report.AddTable($"{peer} on the same sentences", NerScore.Columns, peerScore.Rows());
            report.Figures[$"{prefix}.{peer}.f1"] = peerScore.Micro.F1;
            report.Figures[$"{prefix}.{peer}.precision"] = peerScore.Micro.Precision;
            report.Figures[$"{prefix}.{peer}.recall"] = peerScore.Micro.Recall;
            report.Figures[$"{prefix}.{peer}.tokens_per_second"] = peerRun.TokensPerSecond;
            report.Notes.Add($"{peer}: {peerRun.TokensPerSecond:N0} tokens/s (its own timing of the NER calls, node, one thread)");
        }

        if (request.PredictionsPath is { } path)
        {
            var json = new JsonObject();
            for (int i = 0; i < sentences.Count; i++)
                json[sentences[i].Id] = new JsonArray(predictions[i].Select(p => (JsonNode?)new JsonObject
                {
                    ["start_token"] = p.Start,
                    ["end_token"] = p.End,
                    ["type"] = p.Type,
                }).ToArray());
            File.WriteAllText(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = false }));
            report.Notes.Add($"predictions written to {path}");
        }
        return Outcome<EvaluationReport>.Ok(report);
    }
}
