using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Storyline.Documents;

namespace Storyline.Ingest;

/// <summary>
/// Reads one article per plain-text file. An optional leading <c> date YYYY-MM-DD</c> header gives the
/// publication date; it is removed from the text and recorded as a removed part of kind <c>header</c>.
/// </summary>
public sealed partial class PlainTextReader : IDocumentReader
{
    private static readonly HashSet<string> Extensions = [".txt", ".text", ".md", ""];

    public string Format => "text";

    public bool CanRead(InputFile input) => Extensions.Contains(input.Extension) || input.Source == "-";

    public IEnumerable<Outcome<RawDocument>> Read(InputFile input)
    {
        var decoded = TextDecoding.DecodeText(input);
        if (!decoded.TryGetValue(out var text))
        {
            yield return Outcome<RawDocument>.Fail(decoded.Problem!);
            yield break;
        }
        yield return Outcome<RawDocument>.Ok(Parse(input.Source, text));
    }

    public static RawDocument Parse(string source, string text)
    {
        var header = DateHeader().Match(text);
        if (!header.Success) return new RawDocument(source, "text", text, DocumentMetadata.Empty);

        var parsed = LocalDatePattern.Iso.Parse(header.Groups["date"].Value);
        var metadata = parsed.Success
            ? DocumentMetadata.Empty with
            {
                Published = parsed.Value,
                PublishedRaw = header.Groups["date"].Value,
                FieldSources = new Dictionary<string, string> { ["published"] = "header" },
            }
            : DocumentMetadata.Empty with { PublishedRaw = header.Groups["date"].Value };
        int end = header.Index + header.Length;
        return new RawDocument(source, "text", text[end..], metadata)
        {
            SourceOffset = end,
            RemovedByReader = [new RemovedPart(RemovalKinds.Header, text[..end], 0, end, "date-header")],
        };
    }

    // A leading " date 2025-03-23 " (the space before "date" is optional); the body may follow on the same line.
    [GeneratedRegex(@"\A\uFEFF?[ \t]*date[ \t]+(?<date>\d{4}-\d{2}-\d{2})[ \t]*(\r?\n)?[ \t]*", RegexOptions.CultureInvariant)]
    private static partial Regex DateHeader();
}
