using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Storyline.Time.Evaluation;

/// <summary>A gold TIMEX3 of a TimeML document, with offsets into the plain text of its <c>TEXT</c> element.</summary>
public sealed record GoldTimex(int Start, int End, string Type, string Value);

/// <summary>
/// A TimeML (<c>.tml</c>) document as the TempEval-3 scorer sees it: the plain text of the <c>TEXT</c> element
/// (every tag stripped, entities decoded), the gold TIMEX3s in it, and the document creation time (DCT), which is
/// the document's clock.
/// </summary>
public sealed partial record TimeMLDocument(string Name, LocalDate? CreationTime, string Text, IReadOnlyList<GoldTimex> Timexes)
{
    [GeneratedRegex(@"<DCT>\s*<TIMEX3[^>]*\bvalue=""(?<v>\d{4}-\d{2}-\d{2})", RegexOptions.IgnoreCase)]
    private static partial Regex DctPattern();

    [GeneratedRegex(@"\b(?<k>type|value)=""(?<v>[^""]*)""")]
    private static partial Regex AttributePattern();

    public static Outcome<TimeMLDocument> Parse(string name, string xml)
    {
        int open = xml.IndexOf("<TEXT>", StringComparison.Ordinal);
        int close = xml.IndexOf("</TEXT>", StringComparison.Ordinal);
        if (open < 0 || close < open) return Outcome<TimeMLDocument>.Fail($"{name}: no <TEXT> element");
        LocalDate? dct = DctPattern().Match(xml) is { Success: true } m && LocalDatePattern.Iso.Parse(m.Groups["v"].Value) is { Success: true } d ? d.Value : null;

        var text = new StringBuilder();
        var timexes = new List<GoldTimex>();
        (int Start, string Type, string Value)? openTimex = null;
        int i = open + "<TEXT>".Length;
        while (i < close)
        {
            char c = xml[i];
            if (c == '<')
            {
                int end = xml.IndexOf('>', i);
                var tag = xml.AsSpan(i, end - i + 1);
                if (tag.StartsWith("<TIMEX3", StringComparison.Ordinal))
                {
                    string type = "", value = "";
                    foreach (Match a in AttributePattern().Matches(tag.ToString()))
                        if (a.Groups["k"].Value == "type") type = a.Groups["v"].Value; else value = a.Groups["v"].Value;
                    openTimex = (text.Length, type, value);
                }
                else if (tag.StartsWith("</TIMEX3", StringComparison.Ordinal) && openTimex is { } t)
                {
                    timexes.Add(new GoldTimex(t.Start, text.Length, t.Type, t.Value));
                    openTimex = null;
                }
                i = end + 1;
            }
            else if (c == '&')
            {
                int end = xml.IndexOf(';', i);
                if (end < 0 || end - i > 10) { text.Append(c); i++; continue; }
                text.Append(WebUtility.HtmlDecode(xml.Substring(i, end - i + 1)));
                i = end + 1;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }
        return Outcome<TimeMLDocument>.Ok(new TimeMLDocument(name, dct, text.ToString(), timexes));
    }

    public static Outcome<TimeMLDocument> Load(string path) =>
        Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path, Encoding.UTF8));

    public int WordCount => Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Timexes.Count} timexes)");
}
