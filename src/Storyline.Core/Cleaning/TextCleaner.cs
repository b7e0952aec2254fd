using System.Text;
using Storyline.Documents;

namespace Storyline.Cleaning;

/// <summary>
/// Cleans pasted article text: removes boilerplate lines (read-more links, image credits, photo captions,
/// embedded posts, repeated lines) and keeps each removed span with its kind and rule, so nothing is lost.
/// Body text is never rewritten: the clean text is the input minus the removed spans, with runs of blank lines
/// folded to one, and <see cref="CleanedText.Offsets"/> maps every clean offset back to the input.
/// </summary>
public sealed class TextCleaner
{
    private readonly IReadOnlyList<ICleaningRule> _rules;

    public TextCleaner(IReadOnlyList<ICleaningRule> rules) => _rules = rules;

    /// <summary>The built-in rules, in priority order: the most specific kinds first, repeated lines last.</summary>
    public TextCleaner() : this(DefaultRules()) { }

    public IReadOnlyList<ICleaningRule> Rules => _rules;

    public static IReadOnlyList<ICleaningRule> DefaultRules() =>
    [
        new EmbeddedPostRule(),
        .. LinePatternRule.LoadBuiltIn(),
        new ReadNextRule(),
        new RepeatedLineRule(),
    ];

    public CleanedText Clean(string text)
    {
        var lines = SplitLines(text);
        var accepted = Merge(_rules.SelectMany(r => r.Find(lines)));
        var removedMask = new bool[text.Length];
        var lineStarts = lines.Select(l => l.Start).ToHashSet();
        foreach (var r in accepted)
        {
            Array.Fill(removedMask, true, r.Start, r.End - r.Start);
            // A whole removed line takes its line break with it, so no empty line is left behind.
            bool wholeLine = lineStarts.Contains(r.Start) && (r.End == text.Length || text[r.End] is '\n' or '\r');
            if (!wholeLine) continue;
            int end = r.End;
            if (end < text.Length && text[end] == '\r') removedMask[end++] = true;
            if (end < text.Length && text[end] == '\n') removedMask[end] = true;
        }
        var removed = accepted.Select(r => new RemovedPart(r.Kind, text[r.Start..r.End], r.Start, r.End, r.Rule)).ToList();
        var (clean, map) = Keep(text, removedMask);
        return new CleanedText(clean, removed, map);
    }

    public static IReadOnlyList<TextLine> SplitLines(string text)
    {
        var lines = new List<TextLine>();
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            int end = i > start && text[i - 1] == '\r' ? i - 1 : i;
            lines.Add(new TextLine(start, end, text[start..end]));
            start = i + 1;
        }
        return lines;
    }

    /// <summary>Orders removals and drops any that overlap one already taken (earlier rules win).</summary>
    private static List<Removal> Merge(IEnumerable<Removal> removals)
    {
        var taken = new List<Removal>();
        foreach (var r in removals)
            if (r.End > r.Start && !taken.Any(t => t.Start < r.End && r.Start < t.End))
                taken.Add(r);
        taken.Sort((a, b) => a.Start.CompareTo(b.Start));
        return taken;
    }

    /// <summary>Builds the kept text, folding blank-line runs and trimming the ends, and records where each kept run came from.</summary>
    private static (string Text, OffsetMap Map) Keep(string text, bool[] removed)
    {
        var output = new StringBuilder(text.Length);
        var pieces = new List<(int DerivedStart, int SourceStart, int Length)>();
        int lastSource = -2;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (removed[i] || c == '\r') continue;
            if (output.Length == 0 && char.IsWhiteSpace(c)) continue;
            if (c == '\n' && EndsWithBlankLine(output)) continue;
            if (i == lastSource + 1 && pieces.Count > 0)
            {
                var p = pieces[^1];
                pieces[^1] = (p.DerivedStart, p.SourceStart, p.Length + 1);
            }
            else
            {
                pieces.Add((output.Length, i, 1));
            }
            output.Append(c);
            lastSource = i;
        }
        int trimmed = output.Length;
        while (trimmed > 0 && char.IsWhiteSpace(output[trimmed - 1])) trimmed--;
        output.Length = trimmed;
        while (pieces.Count > 0 && pieces[^1].DerivedStart >= trimmed) pieces.RemoveAt(pieces.Count - 1);
        if (pieces.Count > 0)
        {
            var p = pieces[^1];
            pieces[^1] = (p.DerivedStart, p.SourceStart, Math.Min(p.Length, trimmed - p.DerivedStart));
        }
        return (output.ToString(), new OffsetMap(pieces));
    }

    private static bool EndsWithBlankLine(StringBuilder output)
    {
        int n = output.Length;
        return n >= 2 && output[n - 1] == '\n' && output[n - 2] == '\n';
    }
}
