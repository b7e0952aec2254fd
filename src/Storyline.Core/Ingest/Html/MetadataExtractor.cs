using System.Text.Json;
using System.Text.RegularExpressions;
using Storyline.Documents;

namespace Storyline.Ingest.Html;

/// <summary>
/// Reads a page's metadata. Each field takes the first value found in this order of trust, and records its source:
/// <list type="number">
/// <item><c>json-ld</c>: a schema.org Article/NewsArticle/BlogPosting object (what publishers maintain for search engines);</item>
/// <item><c>opengraph</c>: <c>og:*</c> and <c>article:*</c> properties;</item>
/// <item><c>meta</c>: named meta tags (<c>author</c>, <c>date</c>, <c>parsely-*</c>, <c>dc.*</c>, <c>citation_*</c>…) and <c>&lt;link rel=canonical&gt;</c>;</item>
/// <item><c>microdata</c>/<c>time</c>: <c>itemprop</c> values and the first <c>&lt;time datetime&gt;</c> element;</item>
/// <item><c>byline</c>: an element marked as the author (<c>rel=author</c>, class <c>byline</c>/<c>author</c>), "By …" stripped;</item>
/// <item><c>title-element</c>, <c>html-lang</c>: the document's own title and language.</item>
/// </list>
/// The file's modification time is never a publication date.
/// </summary>
public static partial class MetadataExtractor
{
    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
        "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "ScholarlyArticle", "TechArticle", "SocialMediaPosting", "WebPage",
    };

    public static DocumentMetadata Extract(HtmlNode document, string? url)
    {
        var fields = new Fields();
        var page = new PageElements(document);
        FromJsonLd(page, fields);
        FromMetaTags(page, fields);
        FromMicrodataAndTime(page, fields);
        FromByline(page, fields);
        fields.Set("title", page.Title?.InnerText(), "title-element");
        fields.Set("language", page.Html?.Attribute("lang"), "html-lang");
        if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https") fields.Set("url", url, "input");

        var publishedRaw = fields.Get("published");
        var sources = new Dictionary<string, string>(fields.Sources);
        var published = DateValues.Parse(publishedRaw);
        if (published is null) { sources.Remove("published"); publishedRaw = null; }
        var modified = DateValues.Parse(fields.Get("modified"));
        if (modified is null) sources.Remove("modified");
        var outlet = fields.Get("outlet");
        var title = CleanTitle(fields.Get("title"), outlet);
        return new DocumentMetadata
        {
            Title = title,
            Authors = fields.Authors,
            Published = published,
            PublishedRaw = publishedRaw,
            Modified = modified,
            Outlet = outlet,
            CanonicalUrl = fields.Get("canonical"),
            Url = fields.Get("url") ?? fields.Get("canonical"),
            Language = NormaliseLanguage(fields.Get("language")),
            FieldSources = sources,
        };
    }

    // ---- JSON-LD ----

    /// <summary>The elements metadata comes from, gathered in one walk over the page.</summary>
    private sealed class PageElements
    {
        public List<HtmlNode> JsonLd { get; } = [];
        public List<HtmlNode> Meta { get; } = [];
        public List<HtmlNode> ItemProps { get; } = [];
        public List<HtmlNode> Bylines { get; } = [];
        public HtmlNode? Canonical { get; }
        public HtmlNode? Time { get; }
        public HtmlNode? Title { get; }
        public HtmlNode? Html { get; }

        public PageElements(HtmlNode document)
        {
            foreach (var node in document.Descendants())
            {
                switch (node.Tag)
                {
                    case null: continue;
                    case "script" when (node.Attribute("type") ?? "").Contains("ld+json", StringComparison.OrdinalIgnoreCase): JsonLd.Add(node); break;
                    case "meta": Meta.Add(node); break;
                    case "link" when Canonical is null && (node.Attribute("rel") ?? "").Equals("canonical", StringComparison.OrdinalIgnoreCase): Canonical = node; break;
                    case "time" when Time is null && DateValues.Parse(node.Attribute("datetime")) is not null: Time = node; break;
                    case "title" when Title is null: Title = node; break;
                    case "html" when Html is null: Html = node; break;
                }
                bool byline = false;
                foreach (var (name, value) in node.Attributes)
                {
                    switch (name)
                    {
                        case "itemprop": ItemProps.Add(node); byline |= value == "author"; break;
                        case "rel": byline |= value == "author"; break;
                        case "class": byline |= IsBylineClass(value); break;
                    }
                }
                if (byline) Bylines.Add(node);
            }
        }

        private static bool IsBylineClass(string? value) =>
            value is not null && (value.Contains("author", StringComparison.OrdinalIgnoreCase) || value.Contains("byline", StringComparison.OrdinalIgnoreCase) || value.Contains("contributor", StringComparison.OrdinalIgnoreCase))
            && BylineClass().IsMatch(value);
    }

    private static void FromJsonLd(PageElements page, Fields fields)
    {
        foreach (var script in page.JsonLd)
        {
            var json = string.Concat(script.Children.Where(c => c.IsText).Select(c => c.Text));
            try
            {
                using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
                foreach (var item in ArticleObjects(parsed.RootElement).OrderBy(e => IsType(e, "WebPage") ? 1 : 0)) ReadArticle(item, fields);
            }
            catch (JsonException)
            {
                // Publishers ship broken JSON-LD often enough; the other sources still apply.
            }
        }
    }

    private static IEnumerable<JsonElement> ArticleObjects(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) foreach (var found in ArticleObjects(item)) yield return found;
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            if (ArticleTypes.Any(t => IsType(element, t))) yield return element;
            if (element.TryGetProperty("@graph", out var graph)) foreach (var found in ArticleObjects(graph)) yield return found;
            if (element.TryGetProperty("mainEntity", out var main)) foreach (var found in ArticleObjects(main)) yield return found;
        }
    }

    private static bool IsType(JsonElement element, string type)
    {
        if (!element.TryGetProperty("@type", out var t)) return false;
        if (t.ValueKind == JsonValueKind.String) return string.Equals(t.GetString(), type, StringComparison.OrdinalIgnoreCase);
        return t.ValueKind == JsonValueKind.Array && t.EnumerateArray().Any(x => x.ValueKind == JsonValueKind.String && string.Equals(x.GetString(), type, StringComparison.OrdinalIgnoreCase));
    }

    private static void ReadArticle(JsonElement article, Fields fields)
    {
        const string source = "json-ld";
        fields.Set("title", StringOf(article, "headline") ?? StringOf(article, "name"), source);
        fields.Set("published", StringOf(article, "datePublished") ?? StringOf(article, "dateCreated"), source);
        fields.Set("modified", StringOf(article, "dateModified"), source);
        fields.Set("language", StringOf(article, "inLanguage"), source);
        if (article.TryGetProperty("publisher", out var publisher)) fields.Set("outlet", NameOf(publisher), source);
        var url = StringOf(article, "url");
        if (url is null && article.TryGetProperty("mainEntityOfPage", out var main))
            url = main.ValueKind == JsonValueKind.String ? main.GetString() : StringOf(main, "@id") ?? StringOf(main, "url");
        if (IsAbsoluteUrl(url)) fields.Set("canonical", url, source);
        if (article.TryGetProperty("author", out var author) || article.TryGetProperty("creator", out author))
        {
            var names = (author.ValueKind == JsonValueKind.Array ? author.EnumerateArray() : Enumerable.Repeat(author, 1))
                .Select(NameOf).Where(n => n is not null).Select(n => n!).ToList();
            fields.SetAuthors(names, source);
        }
    }

    private static string? StringOf(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Array) value = value.EnumerateArray().FirstOrDefault();
        return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static string? NameOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString() : StringOf(element, "name");

    // ---- meta tags ----

    private static readonly (string Key, string Field, string Source)[] MetaFields =
    [
        ("og:title", "title", "opengraph"), ("og:site_name", "outlet", "opengraph"), ("og:url", "canonical", "opengraph"),
        ("article:published_time", "published", "opengraph"), ("article:modified_time", "modified", "opengraph"),
        ("og:updated_time", "modified", "opengraph"), ("og:locale", "language", "opengraph"), ("article:author", "author", "opengraph"),
        ("parsely-title", "title", "meta"), ("parsely-pub-date", "published", "meta"), ("parsely-author", "author", "meta"),
        ("sailthru.date", "published", "meta"), ("sailthru.author", "author", "meta"),
        ("author", "author", "meta"), ("byl", "author", "meta"), ("dc.creator", "author", "meta"), ("citation_author", "author", "meta"),
        ("date", "published", "meta"), ("pubdate", "published", "meta"), ("publish-date", "published", "meta"), ("publish_date", "published", "meta"),
        ("article.published", "published", "meta"), ("dc.date", "published", "meta"), ("dc.date.issued", "published", "meta"),
        ("dcterms.created", "published", "meta"), ("citation_publication_date", "published", "meta"), ("original-publish-date", "published", "meta"),
        ("last-modified", "modified", "meta"), ("dcterms.modified", "modified", "meta"), ("article.updated", "modified", "meta"),
        ("application-name", "outlet", "meta"), ("dc.publisher", "outlet", "meta"), ("dc.title", "title", "meta"),
        ("dc.language", "language", "meta"), ("content-language", "language", "meta"), ("twitter:title", "title", "meta"),
    ];

    private static void FromMetaTags(PageElements page, Fields fields)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var authors = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var meta in page.Meta)
        {
            var key = meta.Attribute("property") ?? meta.Attribute("name") ?? meta.Attribute("http-equiv") ?? meta.Attribute("itemprop");
            var content = meta.Attribute("content");
            if (key is null || string.IsNullOrWhiteSpace(content)) continue;
            key = key.Trim();
            values.TryAdd(key, content.Trim());
            if (!authors.TryGetValue(key, out var list)) authors[key] = list = [];
            list.Add(content.Trim());
        }
        foreach (var source in new[] { "opengraph", "meta" })
        {
            foreach (var (key, field, from) in MetaFields)
            {
                if (from != source || !values.TryGetValue(key, out var value)) continue;
                if (field == "author")
                    fields.SetAuthors(authors[key].Where(a => !IsAbsoluteUrl(a)).SelectMany(SplitAuthors).ToList(), source);
                else fields.Set(field, value, source);
            }
            if (source == "meta")
            {
                var canonical = page.Canonical?.Attribute("href");
                if (IsAbsoluteUrl(canonical)) fields.Set("canonical", canonical, "meta");
            }
        }
    }

    // ---- microdata, time elements and bylines ----

    private static void FromMicrodataAndTime(PageElements page, Fields fields)
    {
        foreach (var element in page.ItemProps)
        {
            switch (element.Attribute("itemprop"))
            {
                case "datePublished": fields.Set("published", element.Attribute("datetime") ?? element.Attribute("content") ?? element.InnerText(), "microdata"); break;
                case "dateModified": fields.Set("modified", element.Attribute("datetime") ?? element.Attribute("content") ?? element.InnerText(), "microdata"); break;
                case "headline": fields.Set("title", element.Attribute("content") ?? element.InnerText(), "microdata"); break;
            }
        }
        if (page.Time is not null) fields.Set("published", page.Time.Attribute("datetime"), "time");
    }

    private static void FromByline(PageElements page, Fields fields)
    {
        if (fields.Authors.Count > 0) return;
        foreach (var element in page.Bylines)
        {
            var text = element.InnerText();
            if (text.Length is 0 or > 120) continue;
            var names = SplitAuthors(BylinePrefix().Replace(text, "")).ToList();
            if (names.Count == 0) continue;
            fields.SetAuthors(names, "byline");
            return;
        }
    }

    private static IEnumerable<string> SplitAuthors(string value) =>
        AuthorSeparator().Split(BylinePrefix().Replace(value, ""))
            .Select(n => n.Trim(' ', ',', '.', '|', '·'))
            .Where(n => n.Length is > 1 and < 60 && n.Any(char.IsLetter) && !n.Contains('@'));

    private static string? CleanTitle(string? title, string? outlet)
    {
        if (title is null) return null;
        title = Whitespace.Collapse(title);
        if (outlet is not null)
        {
            foreach (var sep in new[] { " | ", " - ", " – ", " — ", " :: " })
            {
                if (title.EndsWith(sep + outlet, StringComparison.OrdinalIgnoreCase)) return title[..^(sep.Length + outlet.Length)].Trim();
            }
        }
        return title;
    }

    private static string? NormaliseLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return null;
        var code = language.Trim().Replace('_', '-');
        int dash = code.IndexOf('-');
        return (dash > 0 ? code[..dash] : code).ToLowerInvariant();
    }

    private static bool IsAbsoluteUrl(string? value) =>
        value is not null && Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";

    [GeneratedRegex(@"(?:^|[\s_-])(byline|author|authors|author-name|by-author|contributor)(?:$|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex BylineClass();

    [GeneratedRegex(@"^\s*(?:by|written by|words by|von|par|por)[:\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex BylinePrefix();

    [GeneratedRegex(@"\s*(?:,|;|\band\b|&|\|)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorSeparator();

    /// <summary>First-found-wins field values, with where each came from.</summary>
    private sealed class Fields
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
        public Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);
        public List<string> Authors { get; } = [];

        public string? Get(string field) => _values.GetValueOrDefault(field);

        public void Set(string field, string? value, string source)
        {
            if (string.IsNullOrWhiteSpace(value) || _values.ContainsKey(field)) return;
            if (field == "published" || field == "modified")
                if (DateValues.Parse(value) is null) return;
            _values[field] = Whitespace.Collapse(value);
            Sources[field] = source;
        }

        public void SetAuthors(IReadOnlyList<string> names, string source)
        {
            if (Authors.Count > 0) return;
            var clean = names.Select(Whitespace.Collapse).Where(n => n.Length > 0 && !IsAbsoluteUrl(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (clean.Count == 0) return;
            Authors.AddRange(clean);
            Sources["authors"] = source;
        }
    }
}
