using System.Text;

namespace Storyline.Ingest.Html;

/// <summary>
/// An element or a text run of a parsed page. Deliberately small (no CSS, no scripting): extraction needs tags,
/// attributes, text and where each node sits in the decoded source, and nothing else.
/// </summary>
public sealed class HtmlNode
{
    private List<HtmlNode>? _children;
    private List<KeyValuePair<string, string>>? _attributes;

    private HtmlNode(string? tag, string? text, int start)
    {
        Tag = tag;
        Text = text;
        SourceStart = start;
        SourceEnd = start;
    }

    internal static HtmlNode Element(string tag, int start) => new(tag, null, start);
    internal static HtmlNode TextRun(string text, int start, int end) => new(null, text, start) { SourceEnd = end };

    /// <summary>Lower-case tag name; null for a text node.</summary>
    public string? Tag { get; }

    /// <summary>Decoded text of a text node; null for an element.</summary>
    public string? Text { get; }

    public bool IsText => Tag is null;

    /// <summary>Text measures the extractor computes once per page and reads many times.</summary>
    internal NodeStats.Measures Measures;
    internal PartSignal? Signal;
    /// <summary>Candidate scores while the extractor runs: the raw Readability score and the link-density-adjusted one.</summary>
    internal double? RawScore;
    internal double? FinalScore;
    public HtmlNode? Parent { get; private set; }

    /// <summary>Offsets of the node (start tag to end tag) in the decoded HTML source, end exclusive.</summary>
    public int SourceStart { get; }
    public int SourceEnd { get; internal set; }

    public IReadOnlyList<HtmlNode> Children => (IReadOnlyList<HtmlNode>?)_children ?? [];
    public IReadOnlyList<KeyValuePair<string, string>> Attributes => (IReadOnlyList<KeyValuePair<string, string>>?)_attributes ?? [];

    internal void AddChild(HtmlNode child)
    {
        child.Parent = this;
        (_children ??= []).Add(child);
    }

    internal void RemoveChild(HtmlNode child)
    {
        _children?.Remove(child);
        child.Parent = null;
    }

    internal void AddAttribute(string name, string value)
    {
        _attributes ??= new List<KeyValuePair<string, string>>(4);
        foreach (var a in _attributes) if (a.Key == name) return;
        _attributes.Add(new(name, value));
    }

    public string? Attribute(string name)
    {
        if (_attributes is null) return null;
        foreach (var a in _attributes) if (a.Key == name) return a.Value;
        return null;
    }

    /// <summary>The class and id values joined, lower-cased: what boilerplate patterns are matched against.</summary>
    public string ClassAndId
    {
        get
        {
            var c = Attribute("class");
            var i = Attribute("id");
            if (c is null) return i?.ToLowerInvariant() ?? "";
            return i is null ? c.ToLowerInvariant() : (c + " " + i).ToLowerInvariant();
        }
    }

    public IEnumerable<HtmlNode> Descendants()
    {
        if (_children is null) yield break;
        var stack = new Stack<HtmlNode>();
        for (int i = _children.Count - 1; i >= 0; i--) stack.Push(_children[i]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            if (node._children is { } kids)
                for (int i = kids.Count - 1; i >= 0; i--) stack.Push(kids[i]);
        }
    }

    public IEnumerable<HtmlNode> Elements(string tag) => Descendants().Where(n => n.Tag == tag);

    public IEnumerable<HtmlNode> Ancestors()
    {
        for (var p = Parent; p is not null; p = p.Parent) yield return p;
    }

    /// <summary>All text below this node, whitespace collapsed to single spaces.</summary>
    public string InnerText()
    {
        if (Text is not null) return Whitespace.Collapse(Text);
        var sb = new StringBuilder();
        bool space = false;
        AppendCollapsed(sb, ref space);
        return sb.ToString();
    }

    /// <summary>Appends the text with white space collapsed on the fly, so large subtrees are walked once.</summary>
    private void AppendCollapsed(StringBuilder sb, ref bool space)
    {
        if (Text is not null)
        {
            foreach (var ch in Text)
            {
                if (ch == '\u200B') continue;
                if (char.IsWhiteSpace(ch) || ch == '\u00A0') { space = sb.Length > 0; continue; }
                if (space) { sb.Append(' '); space = false; }
                sb.Append(ch);
            }
            return;
        }
        if (Tag == "br") { space = sb.Length > 0; return; }
        if (_children is null) return;
        foreach (var c in _children) c.AppendCollapsed(sb, ref space);
        if (HtmlTags.IsBlock(Tag)) space = sb.Length > 0;
    }

    /// <summary>Visits this node's descendants in document order without allocating an iterator per level.</summary>
    internal void Walk(Action<HtmlNode> visit)
    {
        if (_children is null) return;
        foreach (var c in _children)
        {
            visit(c);
            c.Walk(visit);
        }
    }

    public override string ToString() => IsText ? $"\"{Text}\"" : $"<{Tag} {ClassAndId}>";
}

internal static class Whitespace
{
    public static string Collapse(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch) || ch == '\u00A0' || ch == '\u200B')
            {
                if (ch == '\u200B') continue;
                space = sb.Length > 0;
                continue;
            }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
