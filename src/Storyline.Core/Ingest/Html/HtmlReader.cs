using System.Text;
using Storyline.Documents;

namespace Storyline.Ingest.Html;

/// <summary>
/// Reads a saved or fetched HTML page (optionally gzipped) into one document: the article body as text, the page's
/// metadata, and the page parts extraction dropped. A page without an article is a failure, not an empty document.
/// Failure messages do not repeat the source: the ingestor prefixes it, as for every reader.
/// </summary>
public sealed class HtmlReader(IngestOptions options) : IDocumentReader
{
    private static readonly HashSet<string> Extensions = [".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"];

    private readonly ArticleExtractor _extractor = new();

    public string Format => "html";

    public bool CanRead(InputFile input)
    {
        if (Extensions.Contains(input.InnerExtension)) return true;
        if (input.Extension is ".txt" or ".jsonl" or ".json" or ".md" or ".xml" or ".rss" or ".atom") return false;
        return LooksLikeHtml(input.Bytes);
    }

    /// <summary>Whether the first bytes open an HTML document (for URLs and files without a telling name).</summary>
    public static bool LooksLikeHtml(byte[] bytes)
    {
        if (PageDecoder.IsGzip(bytes)) return false;
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 1024)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n', '?');
        while (head.StartsWith("<!--", StringComparison.Ordinal))
        {
            int end = head.IndexOf("-->", StringComparison.Ordinal);
            if (end < 0) return false;
            head = head[(end + 3)..].TrimStart();
        }
        if (head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
            head = head[(head.IndexOf('>') + 1)..].TrimStart();
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<head", StringComparison.OrdinalIgnoreCase);
    }

    public IEnumerable<Outcome<RawDocument>> Read(InputFile input)
    {
        yield return ReadPage(input);
    }

    public Outcome<RawDocument> ReadPage(InputFile input)
    {
        var bytes = PageDecoder.Gunzip(input.Bytes, options.MaxBytes);
        if (!bytes.Success) return Outcome<RawDocument>.Fail(bytes.Problem!);
        if (bytes.Value.LongLength > options.MaxBytes)
            return Outcome<RawDocument>.Fail($"page is {bytes.Value.LongLength:N0} bytes, over the {options.MaxBytes:N0}-byte limit; skipped");
        if (bytes.Value.Length == 0) return Outcome<RawDocument>.Fail("is empty");
        if (Array.IndexOf(bytes.Value, (byte)0) >= 0 && !IsUtf16(bytes.Value))
            return Outcome<RawDocument>.Fail("looks like a binary file, not an HTML page");

        var page = PageDecoder.Decode(bytes.Value);
        var document = HtmlParser.Parse(page.Html);
        var url = input.Source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || input.Source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? input.Source : null;
        var metadata = MetadataExtractor.Extract(document, url);
        var body = _extractor.Extract(document, metadata.Title);
        if (!body.Success) return Outcome<RawDocument>.Fail(body.Problem!);
        var sources = new Dictionary<string, string>(metadata.FieldSources) { ["encoding"] = $"{page.Encoding.WebName} ({page.EncodingBasis})" };
        return Outcome<RawDocument>.Ok(new RawDocument(input.Source, Format, body.Value.Text, metadata with { FieldSources = sources })
        {
            RemovedByReader = body.Value.Removed,
        });
    }

    private static bool IsUtf16(byte[] bytes) => bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF);
}

public static class HtmlReaderExtensions
{
    /// <summary>Reads <c>.html</c>/<c>.htm</c> pages (also gzipped, <c>page.html.gz</c>) and nameless inputs that open like HTML.</summary>
    public static ReaderCatalog UseHtml(this ReaderCatalog catalog, IngestOptions? options = null) =>
        catalog.Use(new HtmlReader(options ?? new IngestOptions()));
}
