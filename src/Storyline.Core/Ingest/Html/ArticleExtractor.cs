using System.Text;
using Storyline.Documents;

namespace Storyline.Ingest.Html;

/// <summary>The body text of a page and what was dropped to get it.</summary>
/// <param name="Text">Paragraphs separated by blank lines; headings and list items are paragraphs of their own.</param>
/// <param name="Removed">Dropped page parts with offsets into the decoded HTML source.</param>
public sealed record ExtractedBody(string Text, IReadOnlyList<RemovedPart> Removed);

/// <summary>
/// Finds the article body of a page. Three steps, after Readability and trafilatura:
/// (1) drop what is never body (scripts, forms, hidden parts) and page parts recognised by tag or by class/id words
/// (navigation, share bars, comments, cookie notices…); (2) score containers by the paragraphs they hold
/// (length, commas, link density) and take the best one with its like siblings; (3) inside it, drop blocks that
/// look like lists of links, image galleries or widgets, then write the text out paragraph by paragraph.
/// Caption and "Read more" lines that survive inside the body are left to the text cleaner, which runs next.
/// </summary>
public sealed class ArticleExtractor
{
    /// <summary>A page whose best body has fewer words than this has no article.</summary>
    public const int MinimumArticleWords = 25;

    private const int MinimumParagraphChars = 25;

    /// <summary>A byline, dateline or author box is short; a longer element with such a class is a wrapper.</summary>
    private const int MaximumBylineChars = 400;

    private static readonly HashSet<string> NeverContent =
        ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "button", "select", "input", "textarea",
         "canvas", "video", "audio", "map", "head", "title", "meta", "link", "form-control", "dialog", "label", "option"];

    private static readonly HashSet<string> ParagraphTags = ["p", "pre", "td", "blockquote", "li", "dd", "h2", "h3", "h4", "h5", "h6"];

    private static readonly HashSet<string> ConditionallyCleaned = ["form", "fieldset", "table", "ul", "ol", "div", "section", "aside", "header", "dl"];

    private readonly PageParts _parts;

    /// <summary>Receives the extractor's decisions, for diagnosing a page; null in normal use.</summary>
    internal static Action<string>? Trace { get; set; }

    public ArticleExtractor(PageParts? parts = null) => _parts = parts ?? PageParts.Default;

    /// <summary>Extracts the article of a whole page.</summary>
    public Outcome<ExtractedBody> Extract(HtmlNode document, string? title = null) => Run(document, title, fragment: false);

    /// <summary>Extracts the text of an HTML fragment that is already the article (a feed entry's content).</summary>
    public Outcome<ExtractedBody> ExtractFragment(HtmlNode fragment) => Run(fragment, null, fragment: true);

    private Outcome<ExtractedBody> Run(HtmlNode document, string? title, bool fragment)
    {
        var body = document.Elements("body").FirstOrDefault() ?? document;
        var removed = new List<RemovedPart>();
        var stats = new NodeStats();
        stats.Measure(body);
        Prune(body, stats, stats.Get(body), removed);
        stats.Clear();
        stats.Measure(body);

        List<HtmlNode> chosen;
        if (fragment) chosen = [body];
        else
        {
            var top = FindTopCandidate(body, stats);
            if (top is null) return Outcome<ExtractedBody>.Fail("no article found: the page has no paragraph of text");
            chosen = WithSiblings(top, stats);
            Trace?.Invoke($"top {top} score {top.FinalScore:0.0}; chosen {string.Join(", ", chosen)}");
        }

        foreach (var container in chosen) CleanConditionally(container, stats, removed);
        RecordOutside(body, chosen, removed);

        var writer = new BodyWriter(title, removed);
        foreach (var container in chosen) writer.Write(container);
        var text = writer.ToString();
        if (!fragment && WordCount.Of(text) < MinimumArticleWords)
            return Outcome<ExtractedBody>.Fail($"no article found: the best text block has only {WordCount.Of(text)} words");
        if (fragment && text.Length == 0)
            return Outcome<ExtractedBody>.Fail("no article found: the content has no text");
        removed.Sort((a, b) => a.Start.CompareTo(b.Start));
        return Outcome<ExtractedBody>.Ok(new ExtractedBody(text, removed));
    }

    // ---- step 1: prune ----

    private void Prune(HtmlNode node, NodeStats stats, NodeStats.Measures page, List<RemovedPart> removed)
    {
        var children = node.Children;
        for (int i = children.Count - 1; i >= 0; i--)
        {
            var child = children[i];
            if (child.IsText) continue;
            var kind = PrunedKind(child, stats, page, out var rule);
            if (kind is not null)
            {
                if (kind != "") Record(child, kind, rule, removed);
                node.RemoveChild(child);
                continue;
            }
            Prune(child, stats, page, removed);
        }
    }

    /// <summary>The kind of part to drop, "" to drop silently (scripts, styles), or null to keep.</summary>
    private string? PrunedKind(HtmlNode element, NodeStats stats, NodeStats.Measures page, out string rule)
    {
        var tag = element.Tag!;
        rule = "";
        if (NeverContent.Contains(tag)) return "";
        if (IsHidden(element)) { rule = "hidden"; return RemovalKinds.Other; }
        // A wrapper holding most of the page, or most of its paragraph text, is never a page part, whatever its
        // class says ("has-comments", "article-overlay").
        var measures = stats.Get(element);
        bool holdsPage = measures.TextChars > page.TextChars / 2 || measures.ParagraphChars > page.ParagraphChars / 2;
        if (holdsPage || tag is "body" or "main" or "article") return null;
        switch (tag)
        {
            case "nav": rule = "<nav>"; return RemovalKinds.Navigation;
            case "footer": rule = "<footer>"; return RemovalKinds.Navigation;
            case "figcaption": rule = "<figcaption>"; return RemovalKinds.PhotoCaption;
            case "aside": rule = "<aside>"; return Classify(element).RemovableKind ?? RemovalKinds.RelatedLinks;
            case "form" when element.Attribute("role") == "search" || (element.Attribute("action") ?? "").Contains("search"): rule = "search form"; return RemovalKinds.Navigation;
        }
        if (element.Attribute("role") is "navigation" or "banner" or "contentinfo" or "complementary" or "menu" or "menubar")
        {
            rule = "role=" + element.Attribute("role");
            return element.Attribute("role") == "complementary" ? RemovalKinds.RelatedLinks : RemovalKinds.Navigation;
        }
        var signal = Classify(element);
        if (signal.RemovableKind is { } kind && !(signal.Positive && measures.TextChars > page.TextChars / 4)
            && !(kind == RemovalKinds.Byline && measures.TextChars > MaximumBylineChars))
        {
            rule = "class/id";
            return kind;
        }
        return null;
    }

    private PartSignal Classify(HtmlNode element) => element.Signal ??= _parts.Classify(element);

    private static bool IsHidden(HtmlNode element)
    {
        if (element.Attribute("hidden") is not null) return true;
        if (element.Attribute("aria-hidden") == "true" && element.Tag != "span") return true;
        var style = element.Attribute("style");
        if (style is null || !(style.Contains("none", StringComparison.OrdinalIgnoreCase) || style.Contains("hidden", StringComparison.OrdinalIgnoreCase))) return false;
        var compact = style.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return compact.Contains("display:none") || compact.Contains("visibility:hidden");
    }

    // ---- step 2: score candidates ----

    private HtmlNode? FindTopCandidate(HtmlNode body, NodeStats stats)
    {
        var candidates = stats.Candidates;
        body.Walk(node =>
        {
            if (node.IsText) return;
            bool paragraph = ParagraphTags.Contains(node.Tag!);
            double score;
            if (paragraph)
            {
                int chars = stats.Get(node).TextChars;
                if (chars < MinimumParagraphChars) return;
                if (node.Tag is "li" or "td" or "dd" && stats.LinkDensity(node) > 0.5) return;
                score = ParagraphScore(chars, stats.Get(node).Commas);
            }
            else
            {
                if (!HtmlTags.IsBlock(node.Tag) || stats.Get(node).OwnInlineChars < MinimumParagraphChars) return;
                score = InlineRunsScore(node, stats);
                if (score == 0) return;
            }
            var ancestor = paragraph ? node.Parent : node;
            for (int level = 0; ancestor is not null && level < 5; level++, ancestor = ancestor.Parent)
            {
                if (ancestor.Tag is null or "#document" or "html") break;
                if (!HtmlTags.IsBlock(ancestor.Tag)) { level--; continue; }
                if (ancestor.RawScore is null) { ancestor.RawScore = InitialScore(ancestor); candidates.Add(ancestor); }
                ancestor.RawScore += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
            }
        });
        HtmlNode? top = null;
        double best = double.MinValue;
        foreach (var node in candidates)
        {
            double score = node.RawScore!.Value * (1 - stats.LinkDensity(node));
            node.FinalScore = score;
            if (score > best) { best = score; top = node; }
        }
        if (top is null) return null;
        if (Trace is not null)
            foreach (var node in candidates.OrderByDescending(n => n.FinalScore).Take(6))
                Trace($"candidate {node} raw {node.RawScore:0.0} final {node.FinalScore:0.0} links {stats.LinkDensity(node):0.00}");

        // Readability's climb: when the parents keep scoring well, the article is one of them.
        double threshold = best / 3, last = best;
        for (var parent = top.Parent; parent is not null && parent.Tag is not ("body" or "#document" or "html"); parent = parent.Parent)
        {
            if (parent.FinalScore is not { } parentScore) continue;
            if (parentScore < threshold) break;
            if (parentScore > last) { top = parent; break; }
            last = parentScore;
        }
        var scoreOfTop = top.FinalScore!.Value;
        while (top.Parent is { Tag: not ("body" or "#document" or "html") } p && p.Children.Count(c => !c.IsText) == 1) top = p;
        top.FinalScore = Math.Max(top.FinalScore ?? double.MinValue, scoreOfTop);
        return top;
    }

    private static double ParagraphScore(int chars, int commas) => 1 + commas + Math.Min(chars / 100.0, 3);

    /// <summary>Text written straight into a container, split at line breaks and blocks, scores like paragraphs (Readability turns such runs into p elements).</summary>
    private static double InlineRunsScore(HtmlNode container, NodeStats stats)
    {
        double score = 0;
        int chars = 0, commas = 0, linked = 0;
        foreach (var child in container.Children)
        {
            if (!child.IsText && (child.Tag == "br" || HtmlTags.IsBlock(child.Tag)))
            {
                Close();
                continue;
            }
            if (child.IsText)
            {
                chars += ArticleExtractor.NonSpaceLength(child.Text!);
                foreach (var c in child.Text!) if (c == ',') commas++;
            }
            else
            {
                var m = stats.Get(child);
                chars += m.TextChars;
                commas += m.Commas;
                linked += m.LinkChars;
            }
        }
        Close();
        return score;

        void Close()
        {
            if (chars >= MinimumParagraphChars && linked < chars / 2) score += ParagraphScore(chars, commas);
            chars = commas = linked = 0;
        }
    }

    private double InitialScore(HtmlNode element)
    {
        double score = element.Tag switch
        {
            "div" or "article" or "main" or "section" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        if (element.Tag == "article" || element.Attribute("itemprop") == "articleBody") score += 25;
        return score + Classify(element).Weight;
    }

    private List<HtmlNode> WithSiblings(HtmlNode top, NodeStats stats)
    {
        var parent = top.Parent;
        if (parent is null) return [top];
        double topScore = top.FinalScore!.Value;
        double threshold = Math.Max(10, topScore * 0.2);
        var topClass = top.Attribute("class");
        var chosen = new List<HtmlNode>();
        foreach (var sibling in parent.Children)
        {
            if (sibling == top) { chosen.Add(sibling); continue; }
            if (sibling.IsText) continue;
            double bonus = topClass is not null && topClass == sibling.Attribute("class") ? topScore * 0.2 : 0;
            if (sibling.FinalScore is { } score && score + bonus >= threshold) { chosen.Add(sibling); continue; }
            if (sibling.Tag == "p")
            {
                int chars = stats.Get(sibling).TextChars;
                double density = stats.LinkDensity(sibling);
                if (chars > 80 && density < 0.25) chosen.Add(sibling);
                else if (chars > 0 && chars <= 80 && density == 0 && EndsSentence(sibling.InnerText())) chosen.Add(sibling);
            }
        }
        return chosen;
    }

    private static bool EndsSentence(string text) => text.Length > 0 && text[^1] is '.' or '!' or '?' or '"' or '\u201D';

    // ---- step 3: clean inside the body ----

    private void CleanConditionally(HtmlNode container, NodeStats stats, List<RemovedPart> removed)
    {
        // Bottom-up, so an inner widget goes before its parent is judged.
        var elements = new List<HtmlNode>();
        container.Walk(n => { if (!n.IsText && ConditionallyCleaned.Contains(n.Tag!)) elements.Add(n); });
        elements.Reverse();
        foreach (var element in elements)
        {
            if (element.Parent is null || !IsAttachedTo(element, container)) continue;
            var reason = WhyNotContent(element, stats);
            if (reason is null) continue;
            Trace?.Invoke($"clean {element} ({reason}): {Truncate(element.InnerText())}");
            Record(element, Classify(element).RemovableKind ?? RemovalKinds.Other, reason, removed);
            element.Parent.RemoveChild(element);
        }
    }

    private static bool IsAttachedTo(HtmlNode node, HtmlNode container)
    {
        for (var p = node.Parent; p is not null; p = p.Parent) if (p == container) return true;
        return false;
    }

    /// <summary>Readability's conditional cleaning: why a block inside the body is not body text, or null.</summary>
    private string? WhyNotContent(HtmlNode element, NodeStats stats)
    {
        int weight = Classify(element).Weight;
        // A list's low candidate score (lists start at −3) says nothing against it; only its class counts.
        double score = element.Tag is "ul" or "ol" ? 0 : element.FinalScore ?? 0;
        if (weight + score < 0) return "negative score";
        var measures = stats.Get(element);
        if (measures.Commas >= 10) return null;
        var (paragraphs, images, listItems, inputs, embeds, headings) = measures.Counts;
        listItems -= 100;
        bool isList = element.Tag is "ul" or "ol";
        bool inFigure = element.Ancestors().Any(a => a.Tag == "figure");
        double linkDensity = stats.LinkDensity(element);
        int length = measures.TextChars;
        if (images > 1 && paragraphs / (double)images < 0.5 && !inFigure && length < Math.Min(100 * images, 250)) return "more images than paragraphs";
        if (!isList && listItems > paragraphs && element.Tag != "div") return "more list items than paragraphs";
        if (inputs > paragraphs / 3) return "form inputs";
        if (!isList && headings == 0 && length < MinimumParagraphChars && (images == 0 || images > 2) && !inFigure && paragraphs == 0 && LooksLikeWidget(element)) return "short block";
        if (!isList && weight < 25 && linkDensity > 0.2 && length < 1000) return "link density";
        if (weight >= 25 && linkDensity > 0.5) return "link density";
        if (isList && linkDensity > 0.5 && length < 600) return "list of links";
        if ((embeds == 1 && length < 75) || embeds > 1) return "embeds";
        return null;
    }

    /// <summary>A short block is only dropped when it is a labelled widget, not a plain div wrapping a sentence.</summary>
    private static bool LooksLikeWidget(HtmlNode element) => element.Attribute("class") is not null || element.Attribute("id") is not null;

    // ---- what was dropped ----

    private void RecordOutside(HtmlNode body, List<HtmlNode> chosen, List<RemovedPart> removed)
    {
        var keep = new HashSet<HtmlNode>(chosen);
        var onPath = new HashSet<HtmlNode>();
        foreach (var c in chosen) foreach (var a in c.Ancestors()) onPath.Add(a);
        Visit(body);

        void Visit(HtmlNode node)
        {
            foreach (var child in node.Children)
            {
                if (keep.Contains(child)) continue;
                if (onPath.Contains(child)) { Visit(child); continue; }
                if (child.IsText && string.IsNullOrWhiteSpace(child.Text)) continue;
                var kind = child.IsText ? RemovalKinds.Other : Classify(child).RemovableKind ?? child.Tag switch
                {
                    "nav" or "header" or "footer" => RemovalKinds.Navigation,
                    "aside" => RemovalKinds.RelatedLinks,
                    _ => RemovalKinds.Other,
                };
                Record(child, kind, "outside the article body", removed);
            }
        }
    }

    private static void Record(HtmlNode node, string kind, string rule, List<RemovedPart> removed)
    {
        var text = node.IsText ? Whitespace.Collapse(node.Text!) : node.InnerText();
        if (text.Length == 0) return;
        removed.Add(new RemovedPart(kind, text, node.SourceStart, node.SourceEnd, "html: " + rule));
    }

    private static string Truncate(string s) => s.Length <= 100 ? s : s[..100] + "…";

    internal static int NonSpaceLength(string s)
    {
        int n = 0;
        foreach (var c in s) if (!char.IsWhiteSpace(c)) n++;
        return n;
    }
}

/// <summary>Per-element text measures, computed bottom-up once so scoring stays linear in the page size.</summary>
internal sealed class NodeStats
{
    internal record struct Measures(int TextChars, int LinkChars, int Commas, int OwnInlineChars, int ParagraphChars, ElementCounts Counts);

    /// <summary>Elements below a node, counted for Readability's conditional cleaning.</summary>
    internal record struct ElementCounts(int Paragraphs, int Images, int ListItems, int Inputs, int Embeds, int Headings)
    {
        public static ElementCounts operator +(ElementCounts a, ElementCounts b) => new(a.Paragraphs + b.Paragraphs, a.Images + b.Images,
            a.ListItems + b.ListItems, a.Inputs + b.Inputs, a.Embeds + b.Embeds, a.Headings + b.Headings);

        public static ElementCounts Of(string tag) => tag switch
        {
            "p" => new(1, 0, 0, 0, 0, 0),
            "img" => new(0, 1, 0, 0, 0, 0),
            "li" => new(0, 0, 1, 0, 0, 0),
            "input" => new(0, 0, 0, 1, 0, 0),
            "embed" or "object" or "iframe" => new(0, 0, 0, 0, 1, 0),
            "h2" or "h3" or "h4" or "h5" or "h6" => new(0, 0, 0, 0, 0, 1),
            _ => default,
        };
    }

    /// <summary>Elements given a score; their scores live on the nodes.</summary>
    public List<HtmlNode> Candidates { get; } = [];

    public Measures Get(HtmlNode node) => node.Measures;

    public double LinkDensity(HtmlNode node)
    {
        var m = Get(node);
        return m.TextChars == 0 ? 0 : (double)m.LinkChars / m.TextChars;
    }

    public void Clear()
    {
        Candidates.Clear();
    }

    public Measures Measure(HtmlNode node) => Visit(node, false);

    private Measures Visit(HtmlNode node, bool inLink)
    {
        if (node.IsText)
        {
            int n = ArticleExtractor.NonSpaceLength(node.Text!);
            int commas = 0;
            foreach (var c in node.Text!) if (c == ',') commas++;
            return new Measures(n, inLink ? n : 0, commas, n, 0, default);
        }
        bool link = inLink || node.Tag == "a";
        int text = 0, linked = 0, comma = 0, own = 0, paragraphs = 0;
        var counts = default(ElementCounts);
        foreach (var child in node.Children)
        {
            var m = Visit(child, link);
            if (!child.IsText) counts += m.Counts + ElementCounts.Of(child.Tag!);
            text += m.TextChars;
            linked += m.LinkChars;
            comma += m.Commas;
            paragraphs += m.ParagraphChars;
            if (child.IsText || !HtmlTags.IsBlock(child.Tag)) own += m.OwnInlineChars;
        }
        if (node.Tag == "p") paragraphs = text - linked;
        var measure = new Measures(text, linked, comma, own, paragraphs, counts);
        node.Measures = measure;
        return measure;
    }
}

/// <summary>Writes the kept part of the tree as text: one paragraph per block, blank lines between paragraphs.</summary>
internal sealed class BodyWriter(string? title, List<RemovedPart> removed)
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _paragraph = new();
    private readonly string? _title = title is null ? null : Normalise(title);

    public void Write(HtmlNode node)
    {
        Visit(node);
        Flush();
    }

    private void Visit(HtmlNode node)
    {
        if (node.IsText) { _paragraph.Append(node.Text); return; }
        var tag = node.Tag!;
        if (tag == "br")
        {
            // Two line breaks in a row end a paragraph, as they do on screen.
            if (EndsWithLineBreak()) Flush();
            else _paragraph.Append('\n');
            return;
        }
        if (tag == "h1" || HtmlTags.IsHeading(tag) && _title is not null && IsTitle(node)) return;
        bool block = HtmlTags.IsBlock(tag) || tag is "h1" or "tr";
        if (block && IsLinkLine(node))
        {
            // A short block that is all link is a teaser ("You may also like", a list of headlines), not prose.
            var text = node.InnerText();
            if (text.Length > 0) removed.Add(new RemovedPart(RemovalKinds.RelatedLinks, text, node.SourceStart, node.SourceEnd, "html: linked line"));
            return;
        }
        if (block) Flush();
        foreach (var child in node.Children) Visit(child);
        if (block) Flush();
        else if (tag is "td" or "th") _paragraph.Append(' ');
    }

    private bool EndsWithLineBreak()
    {
        for (int i = _paragraph.Length - 1; i >= 0; i--)
        {
            if (_paragraph[i] == '\n') return true;
            if (!char.IsWhiteSpace(_paragraph[i])) return false;
        }
        return false;
    }

    private static bool IsLinkLine(HtmlNode node)
    {
        var m = node.Measures;
        if (m.TextChars == 0 || m.TextChars > 200 || m.LinkChars < 0.9 * m.TextChars) return false;
        foreach (var child in node.Children) if (!child.IsText && HtmlTags.IsBlock(child.Tag) && child.Tag != "br") return false;
        return true;
    }

    private bool IsTitle(HtmlNode heading)
    {
        var text = Normalise(heading.InnerText());
        return text.Length > 0 && (_title!.Contains(text) || text.Contains(_title));
    }

    private static string Normalise(string s) => Whitespace.Collapse(s).ToLowerInvariant();

    private void Flush()
    {
        if (_paragraph.Length == 0) return;
        var lines = _paragraph.ToString().Split('\n').Select(Whitespace.Collapse).Where(l => l.Length > 0).ToList();
        _paragraph.Clear();
        if (lines.Count == 0) return;
        if (_text.Length > 0) _text.Append("\n\n");
        _text.Append(string.Join('\n', lines));
    }

    public override string ToString() => _text.ToString();
}
