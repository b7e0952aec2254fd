using System.Text;
using System.Xml;
using System.Xml.Linq;
using Storyline.Documents;
using Storyline.Ingest.Html;

namespace Storyline.Ingest.Feeds;

/// <summary>
/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per entry. An entry that carries its article
/// (<c>content:encoded</c>, Atom <c>content</c>, or a description long enough to be the article) goes through the
/// HTML extractor; an entry that carries only a link is fetched when the user asked for it (<c>--fetch</c>) and
/// otherwise reported, so nothing is silently skipped.
/// </summary>
public sealed class FeedReader(IngestOptions options) : IDocumentReader
{
    /// <summary>A description or summary shorter than this is a teaser, not the article.</summary>
    public const int MinimumArticleWords = 50;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";

    private readonly ArticleExtractor _extractor = new();
    private readonly HtmlReader _pages = new(options);

    public string Format => "feed";

    public bool CanRead(InputFile input)
    {
        if (input.InnerExtension is ".rss" or ".atom") return true;
        if (input.InnerExtension is not (".xml" or "") && !input.Source.StartsWith("http", StringComparison.OrdinalIgnoreCase)) return false;
        return LooksLikeFeed(input.Bytes);
    }

    /// <summary>Whether the first bytes hold an RSS, RDF or Atom root element.</summary>
    public static bool LooksLikeFeed(byte[] bytes)
    {
        if (PageDecoder.IsGzip(bytes)) return false;
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 2048));
        return head.Contains("<rss", StringComparison.OrdinalIgnoreCase) || head.Contains("<rdf:RDF", StringComparison.Ordinal)
            || head.Contains("<feed", StringComparison.Ordinal) && head.Contains("http://www.w3.org/2005/Atom", StringComparison.Ordinal);
    }

    public IEnumerable<Outcome<RawDocument>> Read(InputFile input)
    {
        var bytes = PageDecoder.Gunzip(input.Bytes, options.MaxBytes);
        if (!bytes.Success) { yield return Outcome<RawDocument>.Fail(bytes.Problem!); yield break; }
        if (bytes.Value.LongLength > options.MaxBytes)
        {
            yield return Outcome<RawDocument>.Fail($"feed is {bytes.Value.LongLength:N0} bytes, over the {options.MaxBytes:N0}-byte limit; skipped");
            yield break;
        }
        var parsed = Parse(bytes.Value);
        if (!parsed.TryGetValue(out var feed)) { yield return Outcome<RawDocument>.Fail(parsed.Problem!); yield break; }
        if (feed.Entries.Count == 0) { yield return Outcome<RawDocument>.Fail("the feed has no entries"); yield break; }
        for (int i = 0; i < feed.Entries.Count; i++)
            yield return ReadEntry(input.Source, i + 1, feed, feed.Entries[i]);
    }

    private Outcome<RawDocument> ReadEntry(string feedSource, int number, Feed feed, FeedEntry entry)
    {
        var source = $"{feedSource}#{number}";
        var label = entry.Title is null ? $"entry {number}" : $"entry {number} (\"{entry.Title}\")";
        var metadata = EntryMetadata(feed, entry);

        if (entry.Html is { } html && (entry.HtmlIsFullContent || WordCount(html) >= MinimumArticleWords))
        {
            var body = _extractor.ExtractFragment(HtmlParser.Parse(html));
            if (body.Success && (entry.HtmlIsFullContent || WordCount(body.Value.Text) >= MinimumArticleWords))
                return Outcome<RawDocument>.Ok(new RawDocument(source, Format, body.Value.Text, metadata) { RemovedByReader = body.Value.Removed });
        }
        if (entry.Link is null)
            return Outcome<RawDocument>.Fail($"{label} has neither content nor a link");
        if (!options.FetchLinkedPages || options.Fetcher is null)
            return Outcome<RawDocument>.Fail($"{label} has only a link ({entry.Link}); pass --fetch to read the linked page");
        if (!Uri.TryCreate(entry.Link, UriKind.Absolute, out var url))
            return Outcome<RawDocument>.Fail($"{label} has a link that is not an absolute URL: {entry.Link}");

        var fetched = options.Fetcher.Fetch(url);
        if (!fetched.TryGetValue(out var page)) return Outcome<RawDocument>.Fail($"{label}: {fetched.Problem}");
        var read = _pages.ReadPage(page);
        if (!read.TryGetValue(out var document)) return Outcome<RawDocument>.Fail($"{label}: {read.Problem}");
        return Outcome<RawDocument>.Ok(document with { Metadata = Merge(document.Metadata, metadata) });
    }

    /// <summary>The linked page's own metadata is trusted first; the feed fills the gaps.</summary>
    private static DocumentMetadata Merge(DocumentMetadata page, DocumentMetadata feed)
    {
        var sources = new Dictionary<string, string>(page.FieldSources);
        foreach (var (field, from) in feed.FieldSources) sources.TryAdd(field, from);
        return page with
        {
            Title = page.Title ?? feed.Title,
            Authors = page.Authors.Count > 0 ? page.Authors : feed.Authors,
            Published = page.Published ?? feed.Published,
            PublishedRaw = page.Published is not null ? page.PublishedRaw : feed.PublishedRaw,
            Modified = page.Modified ?? feed.Modified,
            Outlet = page.Outlet ?? feed.Outlet,
            Url = feed.Url ?? page.Url,
            CanonicalUrl = page.CanonicalUrl,
            Language = page.Language ?? feed.Language,
            FieldSources = sources,
        };
    }

    private static DocumentMetadata EntryMetadata(Feed feed, FeedEntry entry)
    {
        var sources = new Dictionary<string, string>();
        void Note(string field, object? value) { if (value is not null) sources[field] = "feed"; }
        var published = DateValues.Parse(entry.Published);
        var modified = DateValues.Parse(entry.Updated);
        Note("title", entry.Title);
        Note("published", published);
        Note("modified", modified);
        Note("outlet", feed.Title);
        Note("url", entry.Link);
        Note("language", feed.Language);
        if (entry.Authors.Count > 0) sources["authors"] = "feed";
        return new DocumentMetadata
        {
            Id = entry.Id,
            Title = entry.Title,
            Url = entry.Link,
            Outlet = feed.Title,
            Authors = entry.Authors,
            Published = published,
            PublishedRaw = published is null ? null : entry.Published,
            Modified = modified,
            Language = feed.Language,
            FieldSources = sources,
        };
    }

    // ---- parsing ----

    private sealed record Feed(string? Title, string? Language, IReadOnlyList<FeedEntry> Entries);

    private sealed record FeedEntry(string? Id, string? Title, string? Link, string? Published, string? Updated,
        IReadOnlyList<string> Authors, string? Html, bool HtmlIsFullContent);

    private static Outcome<Feed> Parse(byte[] bytes)
    {
        XDocument document;
        try
        {
            var text = PageDecoder.Decode(bytes).Html;
            // No DTDs: feeds do not need them, and entity expansion is how XML bombs work.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 1024 };
            using var reader = XmlReader.Create(new StringReader(text.TrimStart('\uFEFF')), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return Outcome<Feed>.Fail($"not a well-formed feed ({e.Message})");
        }
        var root = document.Root!;
        return root.Name.LocalName switch
        {
            "rss" => Outcome<Feed>.Ok(ParseRss(root.Element("channel"), root.Element("channel")?.Elements("item") ?? [])),
            "RDF" => Outcome<Feed>.Ok(ParseRss(root.Element(Rss1 + "channel"), root.Elements(Rss1 + "item"))),
            "feed" when root.Name.Namespace == Atom => Outcome<Feed>.Ok(ParseAtom(root)),
            _ => Outcome<Feed>.Fail($"not an RSS or Atom feed (root element <{root.Name.LocalName}>)"),
        };
    }

    private static Feed ParseRss(XElement? channel, IEnumerable<XElement> items)
    {
        var title = Text(channel?.Element("title") ?? channel?.Element(Rss1 + "title"));
        var language = Text(channel?.Element("language") ?? channel?.Element(DublinCore + "language"));
        var entries = items.Select(item =>
        {
            XElement? Child(string name) => item.Element(name) ?? item.Element(Rss1 + name);
            var encoded = Text(item.Element(Content + "encoded"));
            var authors = item.Elements(DublinCore + "creator").Select(Text).Concat([Text(Child("author"))])
                .Where(a => a is not null).Select(a => a!).Distinct().ToList();
            var link = Text(Child("link"));
            var guid = item.Element("guid");
            if (link is null && guid is not null && (string?)guid.Attribute("isPermaLink") != "false" && Text(guid) is { } g && g.StartsWith("http", StringComparison.OrdinalIgnoreCase)) link = g;
            return new FeedEntry(Text(guid) ?? link, Text(Child("title")), link,
                Text(Child("pubDate")) ?? Text(item.Element(DublinCore + "date")), null, authors,
                encoded ?? Text(Child("description")), encoded is not null);
        }).ToList();
        return new Feed(title, language, entries);
    }

    private static Feed ParseAtom(XElement feed)
    {
        var language = (string?)feed.Attribute(XNamespace.Xml + "lang");
        var entries = feed.Elements(Atom + "entry").Select(entry =>
        {
            var link = entry.Elements(Atom + "link").FirstOrDefault(l => ((string?)l.Attribute("rel") ?? "alternate") == "alternate")?.Attribute("href")?.Value;
            var content = entry.Element(Atom + "content");
            bool contentIsInline = content is not null && content.Attribute("src") is null;
            var html = contentIsInline ? AtomHtml(content!) : null;
            var authors = entry.Elements(Atom + "author").Select(a => Text(a.Element(Atom + "name"))).Where(a => a is not null).Select(a => a!).ToList();
            if (authors.Count == 0) authors = feed.Elements(Atom + "author").Select(a => Text(a.Element(Atom + "name"))).Where(a => a is not null).Select(a => a!).ToList();
            return new FeedEntry(Text(entry.Element(Atom + "id")), Text(entry.Element(Atom + "title")), link,
                Text(entry.Element(Atom + "published")) ?? Text(entry.Element(Atom + "updated")), Text(entry.Element(Atom + "updated")),
                authors, html ?? AtomHtml(entry.Element(Atom + "summary")), html is not null);
        }).ToList();
        return new Feed(Text(feed.Element(Atom + "title")), language, entries);
    }

    /// <summary>Atom text constructs: <c>html</c> is escaped markup, <c>xhtml</c> is inline markup, <c>text</c> is plain text.</summary>
    private static string? AtomHtml(XElement? element)
    {
        if (element is null) return null;
        var type = (string?)element.Attribute("type") ?? "text";
        if (type == "xhtml")
            return string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
        var value = Text(element);
        if (value is null) return null;
        return type is "html" or "text/html" ? value : "<p>" + System.Net.WebUtility.HtmlEncode(value).Replace("\n\n", "</p><p>") + "</p>";
    }

    private static string? Text(XElement? element)
    {
        var value = element?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}

public static class FeedReaderExtensions
{
    /// <summary>Reads RSS and Atom feeds (files, gzipped files, fetched URLs); linked pages are fetched only when the options ask for it.</summary>
    public static ReaderCatalog UseFeeds(this ReaderCatalog catalog, IngestOptions options) => catalog.Use(new FeedReader(options));
}
