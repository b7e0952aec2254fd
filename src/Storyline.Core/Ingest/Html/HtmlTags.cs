namespace Storyline.Ingest.Html;

/// <summary>What the parser and the extractor need to know about tag names.</summary>
internal static class HtmlTags
{
    private static readonly HashSet<string> Void = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "command"];

    /// <summary>Elements whose content is raw text, not markup.</summary>
    private static readonly HashSet<string> RawText = ["script", "style", "textarea", "title", "noscript", "xmp", "iframe", "noembed", "noframes", "plaintext"];

    private static readonly HashSet<string> Block =
    [
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul", "caption", "br", "option", "select", "legend",
    ];

    /// <summary>Start tags that close an open <c>p</c>, as the HTML parsing algorithm does.</summary>
    private static readonly HashSet<string> ClosesParagraph =
    [
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol",
        "p", "pre", "section", "summary", "table", "ul",
    ];

    /// <summary>Elements an end tag may not look past when it searches the open elements for its match.</summary>
    private static readonly HashSet<string> Scope = ["table", "td", "th", "html", "caption", "object", "template", "marquee", "applet"];

    public static bool IsVoid(string tag) => Void.Contains(tag);
    public static bool IsRawText(string tag) => RawText.Contains(tag);
    public static bool IsBlock(string? tag) => tag is not null && Block.Contains(tag);
    public static bool ClosesOpenParagraph(string tag) => ClosesParagraph.Contains(tag);
    public static bool IsScopeBoundary(string tag) => Scope.Contains(tag);

    public static bool IsHeading(string? tag) => tag is { Length: 2 } && tag[0] == 'h' && tag[1] is >= '1' and <= '6';

    /// <summary>
    /// Known tag and attribute names, shared so comparisons are cheap and the parser does not allocate a string per tag.
    /// Read-only after start-up, so parsers on several threads can share it without locks.
    /// </summary>
    private static readonly Dictionary<string, string> Known = BuildKnown();

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownLookup = Known.GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, string> BuildKnown()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith(Void);
        names.UnionWith(RawText);
        names.UnionWith(Block);
        names.UnionWith(["a", "abbr", "b", "bdi", "bdo", "button", "cite", "code", "data", "del", "dfn", "em", "font", "head", "i", "ins", "kbd",
            "label", "mark", "picture", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "svg", "path", "g", "time", "u", "var",
            "video", "audio", "canvas", "object", "template", "main", "figure", "img", "input", "form", "iframe", "amp-img", "path", "use",
            "class", "id", "href", "src", "style", "type", "rel", "name", "content", "property", "itemprop", "datetime", "role", "hidden",
            "aria-hidden", "alt", "title", "lang", "charset", "http-equiv", "width", "height", "target", "data-src", "srcset", "action"]);
        return names.ToDictionary(n => n, n => n, StringComparer.Ordinal);
    }

    public static string Intern(ReadOnlySpan<char> lowerName) =>
        KnownLookup.TryGetValue(lowerName, out var known) ? known : lowerName.ToString();
}
