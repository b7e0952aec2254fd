using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storyline.Learning;

namespace Storyline.Language.Ner;

/// <summary>
/// Runs a peer NER system on the same pre-tokenised sentences, for side-by-side reports. The only peer is
/// <c>compromise</c> (npm), run by tools/peers/compromise-ner.mjs; install it once with <c>npm install</c> in
/// tools/peers. Its people, places and organizations become PER, LOC and ORG.
/// </summary>
public static class PeerRecognizers
{
    public sealed record PeerRun(List<NerSpan[]> Predictions, double TokensPerSecond);

    public static Outcome<PeerRun> Run(string peer, IReadOnlyList<NerSentence> sentences)
    {
        if (!string.Equals(peer, "compromise", StringComparison.OrdinalIgnoreCase))
            return Outcome<PeerRun>.Fail($"unknown peer '{peer}' (known: compromise)");
        var root = ModelFile.RepositoryModelsFolder() is { } models ? Path.GetDirectoryName(models)! : Directory.GetCurrentDirectory();
        var script = Path.Combine(root, "tools", "peers", "compromise-ner.mjs");
        if (!File.Exists(script)) return Outcome<PeerRun>.Fail($"peer script not found: {script}");
        if (!Directory.Exists(Path.Combine(root, "tools", "peers", "node_modules", "compromise")))
            return Outcome<PeerRun>.Fail("compromise is not installed: run 'npm install' in tools/peers");

        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            var payload = new JsonArray(sentences.Select((s, i) => (JsonNode?)new JsonObject
            {
                ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["tokens"] = new JsonArray(s.Tokens.Select(t => (JsonNode?)t).ToArray()),
            }).ToArray());
            File.WriteAllText(input, payload.ToJsonString());
            using var process = Process.Start(new ProcessStartInfo("node", [script, input, output]) { RedirectStandardError = true, UseShellExecute = false });
            if (process is null) return Outcome<PeerRun>.Fail("could not start node");
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) return Outcome<PeerRun>.Fail($"compromise failed: {errors.Trim()}");
            using var doc = JsonDocument.Parse(File.ReadAllText(output));
            var seconds = doc.RootElement.GetProperty("seconds").GetDouble();
            var tokens = doc.RootElement.GetProperty("tokens").GetInt32();
            var predictions = doc.RootElement.GetProperty("predictions");
            var result = new List<NerSpan[]>(sentences.Count);
            for (int i = 0; i < sentences.Count; i++)
            {
                var spans = predictions.TryGetProperty(i.ToString(System.Globalization.CultureInfo.InvariantCulture), out var list)
                    ? list.EnumerateArray().Select(x => new NerSpan(x.GetProperty("start_token").GetInt32(), x.GetProperty("end_token").GetInt32(), x.GetProperty("type").GetString()!)).Distinct().ToArray()
                    : [];
                result.Add(spans);
            }
            return Outcome<PeerRun>.Ok(new PeerRun(result, seconds > 0 ? tokens / seconds : 0));
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}
