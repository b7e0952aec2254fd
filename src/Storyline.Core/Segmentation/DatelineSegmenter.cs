using System.Text.RegularExpressions;
using Storyline.Documents;

namespace Storyline.Segmentation;

/// <summary>One article's part of an input, and why it starts where it does.</summary>
public sealed record Segment(TextSpan Span, string Boundary);

/// <summary>
/// Splits an input holding several glued articles. A dateline ("PARIS (AP) —", "WASHINGTON, D.C. (Reuters) -",
/// "LONDON —") at the start of a line that follows body text begins a new article. A dateline at the very start
/// is just the first article's lead, and a dateline-like line with too little text before it is not a boundary.
/// </summary>
public sealed partial class DatelineSegmenter
{
    /// <summary>Text before a dateline must hold at least this many words to count as an article of its own.</summary>
    public int MinWordsBefore { get; init; } = 40;

    public IReadOnlyList<Segment> Split(string text)
    {
        var starts = new List<(int Offset, string Why)> { (0, "start") };
        foreach (Match m in Dateline().Matches(text))
        {
            int previous = starts[^1].Offset;
            if (WordCount.Of(text.AsSpan(previous, m.Index - previous)) < MinWordsBefore) continue;
            starts.Add((m.Index, $"dateline '{m.Groups["dateline"].Value.Trim()}'"));
        }
        var segments = new List<Segment>();
        for (int i = 0; i < starts.Count; i++)
        {
            int start = starts[i].Offset;
            int end = i + 1 < starts.Count ? starts[i + 1].Offset : text.Length;
            while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
            segments.Add(new Segment(new TextSpan(start, end), starts[i].Why));
        }
        return segments;
    }

    /// <summary>
    /// The length of the dateline ("ROTTERDAM, Netherlands (AP) — ") that opens <paramref name="lead"/>, or 0: a lead
    /// shown as a title reads better without it.
    /// </summary>
    public static int LeadingDatelineLength(string lead)
    {
        var m = Dateline().Match(lead, 0, Math.Min(lead.Length, 120));
        return m.Success && lead.AsSpan(0, m.Index).IsWhiteSpace() ? m.Index + m.Length : 0;
    }

    // PLACE in capitals (with an optional ", State" in any case), an optional (AGENCY), then a dash.
    [GeneratedRegex(@"(?<=^|\n)[ \t]*(?<dateline>(?<place>[A-Z][A-Z.'’\-]+(?:[ ][A-Z][A-Z.'’\-]+){0,3})(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?[ ]*(?:\((?<agency>AP|Reuters|AFP|UPI|dpa|Bloomberg|CNN|PTI|ANI|IANS|Xinhua)\)[ ]*)?[—–][ ]?|(?<place2>[A-Z][A-Z.'’\-]+(?:[ ][A-Z][A-Z.'’\-]+){0,3})(?:,[ ][A-Z][A-Za-z.]+)?[ ]*\((?<agency2>AP|Reuters|AFP|UPI|dpa|Bloomberg|PTI|ANI|IANS|Xinhua)\)[ ]*-[ ])", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();
}
