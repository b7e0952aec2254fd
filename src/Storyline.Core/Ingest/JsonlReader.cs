using System.Text.Json;
using NodaTime;
using Storyline.Documents;

namespace Storyline.Ingest;

/// <summary>
/// Reads JSON Lines: one article per line, an object with <c>text</c> and optionally <c>id</c>, <c>url</c>,
/// <c>source</c> or <c>outlet</c>, <c>title</c>, <c>published</c>. A bad line is reported and the rest are read.
/// </summary>
public sealed class JsonlReader : IDocumentReader
{
    public string Format => "jsonl";

    public bool CanRead(InputFile input) => input.Extension is ".jsonl" or ".ndjson";

    public IEnumerable<Outcome<RawDocument>> Read(InputFile input)
    {
        var decoded = TextDecoding.DecodeText(input);
        if (!decoded.TryGetValue(out var content))
        {
            yield return Outcome<RawDocument>.Fail(decoded.Problem!);
            yield break;
        }
        int lineNumber = 0;
        foreach (var line in content.Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return ParseLine(input.Source, lineNumber, line);
        }
    }

    private static Outcome<RawDocument> ParseLine(string file, int lineNumber, string line)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return Outcome<RawDocument>.Fail($"line {lineNumber}: not valid JSON ({e.Message})");
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Outcome<RawDocument>.Fail($"line {lineNumber}: expected a JSON object");
            var text = Field(root, "text");
            if (string.IsNullOrWhiteSpace(text)) return Outcome<RawDocument>.Fail($"line {lineNumber}: no 'text' field, or it is empty");

            var sources = new Dictionary<string, string>();
            string? Take(string field, params string[] names)
            {
                foreach (var name in names)
                    if (Field(root, name) is { Length: > 0 } value)
                    {
                        sources[field] = $"jsonl:{name}";
                        return value;
                    }
                return null;
            }

            var url = Take("url", "url");
            var publishedRaw = Take("published", "published", "date");
            var metadata = new DocumentMetadata
            {
                Id = Take("id", "id"),
                Url = url,
                Title = Take("title", "title"),
                Outlet = Take("outlet", "source", "outlet"),
                PublishedRaw = publishedRaw,
                Published = publishedRaw is null ? null : DateParsing.ParseIsoDate(publishedRaw),
                FieldSources = sources,
            };
            var source = url ?? $"{file}#L{lineNumber}";
            return Outcome<RawDocument>.Ok(new RawDocument(source, "jsonl", text, metadata));
        }
    }

    private static string? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
