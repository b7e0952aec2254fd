using System.Net;

namespace Storyline.Ingest.Html;

/// <summary>
/// A forgiving, single-pass HTML parser. It follows the parts of the WHATWG tree-building rules that decide the
/// shape of article pages (void elements, raw-text elements, implied end tags of p/li/dt/dd/tr/td/option,
/// end tags that match nothing being ignored) and skips the rest (foster parenting, adoption agency), which is
/// what makes it an order of magnitude faster than a conforming parser. Truncated or malformed markup never
/// throws: whatever was open at the end is closed.
/// </summary>
public static class HtmlParser
{
    /// <summary>Deeper elements are attached flat to the deepest allowed ancestor, so pathological nesting cannot blow the stack.</summary>
    public const int MaxDepth = 256;

    public static HtmlNode Parse(string html)
    {
        var root = HtmlNode.Element("#document", 0);
        var open = new List<HtmlNode>(64) { root };
        int i = 0, n = html.Length;
        while (i < n)
        {
            int lt = html.IndexOf('<', i);
            if (lt < 0) lt = n;
            if (lt > i) AddText(open[^1], html, i, lt);
            if (lt >= n) break;
            i = lt;
            if (i + 1 >= n) { AddText(open[^1], html, i, n); break; }
            char next = html[i + 1];
            if (next == '!')
            {
                if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
                {
                    int close = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                    i = close < 0 ? n : close + 3;
                }
                else
                {
                    int close = html.IndexOf('>', i + 2);
                    if (string.CompareOrdinal(html, i, "<![CDATA[", 0, 9) == 0)
                    {
                        int end = html.IndexOf("]]>", i + 9, StringComparison.Ordinal);
                        if (end < 0) end = n;
                        open[^1].AddChild(HtmlNode.TextRun(html[(i + 9)..end], i, Math.Min(n, end + 3)));
                        i = Math.Min(n, end + 3);
                        continue;
                    }
                    i = close < 0 ? n : close + 1;
                }
                continue;
            }
            if (next == '?')
            {
                int close = html.IndexOf('>', i + 2);
                i = close < 0 ? n : close + 1;
                continue;
            }
            if (next == '/')
            {
                int nameStart = i + 2, p = nameStart;
                while (p < n && IsNameChar(html[p])) p++;
                int close = html.IndexOf('>', p);
                int end = close < 0 ? n : close + 1;
                if (p > nameStart) CloseElement(open, LowerName(html, nameStart, p), end);
                i = end;
                continue;
            }
            if (!char.IsAsciiLetter(next))
            {
                AddText(open[^1], html, i, i + 1);
                i++;
                continue;
            }
            i = ReadStartTag(html, i, open);
        }
        for (int k = open.Count - 1; k > 0; k--) open[k].SourceEnd = n;
        root.SourceEnd = n;
        return root;
    }

    private static int ReadStartTag(string html, int lt, List<HtmlNode> open)
    {
        int n = html.Length, p = lt + 1;
        while (p < n && IsNameChar(html[p])) p++;
        var tag = LowerName(html, lt + 1, p);
        var element = HtmlNode.Element(tag, lt);
        bool selfClosing = false;
        while (p < n)
        {
            char c = html[p];
            if (c == '>') { p++; break; }
            if (c == '/' ) { selfClosing = p + 1 < n && html[p + 1] == '>'; p++; continue; }
            if (char.IsWhiteSpace(c)) { p++; continue; }
            int an = p;
            while (p < n && html[p] != '=' && html[p] != '>' && !char.IsWhiteSpace(html[p]) && !(html[p] == '/' && p + 1 < n && html[p + 1] == '>')) p++;
            if (p == an) { p++; continue; }
            var name = LowerName(html, an, p);
            while (p < n && char.IsWhiteSpace(html[p])) p++;
            string value = "";
            if (p < n && html[p] == '=')
            {
                p++;
                while (p < n && char.IsWhiteSpace(html[p])) p++;
                if (p < n && (html[p] == '"' || html[p] == '\''))
                {
                    char q = html[p];
                    int close = html.IndexOf(q, p + 1);
                    if (close < 0) close = n;
                    value = Decode(html, p + 1, close);
                    p = Math.Min(n, close + 1);
                }
                else
                {
                    int vs = p;
                    while (p < n && !char.IsWhiteSpace(html[p]) && html[p] != '>') p++;
                    value = Decode(html, vs, p);
                }
            }
            element.AddAttribute(name, value);
        }

        ImplyEndTags(open, tag, lt);
        var parent = open[^1];
        parent.AddChild(element);
        element.SourceEnd = p;
        if (HtmlTags.IsVoid(tag) || selfClosing && !HtmlTags.IsRawText(tag))
            return p;
        if (HtmlTags.IsRawText(tag))
        {
            int close = FindRawTextEnd(html, p, tag);
            // Script and style bodies are never text; only structured data (JSON-LD) is kept, for the metadata.
            if (close > p && tag is "title" or "textarea")
                element.AddChild(HtmlNode.TextRun(Decode(html, p, close), p, close));
            else if (close > p && (tag != "script" && tag != "style" || (tag == "script" && (element.Attribute("type") ?? "").Contains("json", StringComparison.OrdinalIgnoreCase))))
                element.AddChild(HtmlNode.TextRun(html[p..close], p, close));
            int gt = close < n ? html.IndexOf('>', close) : -1;
            int end = gt < 0 ? n : gt + 1;
            element.SourceEnd = end;
            return end;
        }
        if (open.Count < MaxDepth) open.Add(element);
        return p;
    }

    private static int FindRawTextEnd(string html, int from, string tag)
    {
        int p = from;
        while (true)
        {
            int close = html.IndexOf("</", p, StringComparison.Ordinal);
            if (close < 0) return html.Length;
            if (close + 2 + tag.Length <= html.Length && html.AsSpan(close + 2, tag.Length).Equals(tag, StringComparison.OrdinalIgnoreCase)
                && (close + 2 + tag.Length == html.Length || !IsNameChar(html[close + 2 + tag.Length])))
                return close;
            p = close + 2;
        }
    }

    /// <summary>The implied end tags that matter for article pages: a block closes an open p, an li closes the previous li, and so on.</summary>
    private static void ImplyEndTags(List<HtmlNode> open, string tag, int at)
    {
        if (HtmlTags.ClosesOpenParagraph(tag)) CloseInButtonScope(open, "p", at);
        switch (tag)
        {
            case "li": CloseUntilListBoundary(open, ["li"], ["ul", "ol", "menu"], at); break;
            case "dt" or "dd": CloseUntilListBoundary(open, ["dt", "dd"], ["dl"], at); break;
            case "tr": CloseUntilListBoundary(open, ["tr", "td", "th"], ["table", "tbody", "thead", "tfoot"], at); break;
            case "td" or "th": CloseUntilListBoundary(open, ["td", "th"], ["tr", "table"], at); break;
            case "option": CloseUntilListBoundary(open, ["option"], ["select", "datalist"], at); break;
            case "tbody" or "thead" or "tfoot": CloseUntilListBoundary(open, ["tbody", "thead", "tfoot", "tr", "td", "th"], ["table"], at); break;
        }
        if (HtmlTags.IsHeading(tag) && HtmlTags.IsHeading(open[^1].Tag)) Pop(open, open.Count - 1, at);
    }

    private static void CloseInButtonScope(List<HtmlNode> open, string tag, int at)
    {
        for (int k = open.Count - 1; k > 0; k--)
        {
            var t = open[k].Tag!;
            if (t == tag) { Pop(open, k, at); return; }
            if (HtmlTags.IsScopeBoundary(t) || t == "button") return;
        }
    }

    private static void CloseUntilListBoundary(List<HtmlNode> open, string[] closes, string[] boundaries, int at)
    {
        for (int k = open.Count - 1; k > 0; k--)
        {
            var t = open[k].Tag!;
            if (Array.IndexOf(closes, t) >= 0) { Pop(open, k, at); return; }
            if (Array.IndexOf(boundaries, t) >= 0 || HtmlTags.IsScopeBoundary(t)) return;
            if (HtmlTags.IsBlock(t) && t != "p" && closes[0] == "li" && t != "div" && t != "span") return;
        }
    }

    private static void CloseElement(List<HtmlNode> open, string tag, int end)
    {
        for (int k = open.Count - 1; k > 0; k--)
        {
            var t = open[k].Tag!;
            if (t == tag) { Pop(open, k, end); return; }
            if (HtmlTags.IsScopeBoundary(t) && tag is not ("body" or "html")) break;
        }
        if (tag == "p")
        {
            // </p> with no open p makes an empty paragraph in browsers; the break it implies is all that matters here.
            open[^1].AddChild(HtmlNode.Element("br", end));
        }
    }

    private static void Pop(List<HtmlNode> open, int index, int end)
    {
        for (int k = open.Count - 1; k >= index; k--)
        {
            open[k].SourceEnd = Math.Max(open[k].SourceEnd, end);
            open.RemoveAt(k);
        }
    }

    private static void AddText(HtmlNode parent, string html, int start, int end)
    {
        // Whitespace between tags only ever matters as a word break, so it shares one string.
        var text = html.AsSpan(start, end - start).IsWhiteSpace() ? " " : Decode(html, start, end);
        if (text.Length == 0) return;
        parent.AddChild(HtmlNode.TextRun(text, start, end));
    }

    private static string Decode(string html, int start, int end)
    {
        var span = html.AsSpan(start, end - start);
        return span.IndexOf('&') < 0 ? span.ToString() : WebUtility.HtmlDecode(span.ToString());
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or ':' or '_';

    private static string LowerName(string html, int start, int end)
    {
        Span<char> buffer = stackalloc char[Math.Min(end - start, 64)];
        var source = html.AsSpan(start, buffer.Length);
        source.ToLowerInvariant(buffer);
        return HtmlTags.Intern(buffer);
    }
}
