using Storyline.Documents;

namespace Storyline.Cleaning;

/// <summary>
/// Removes exact repeats of an earlier line (compared with white space trimmed); the first occurrence stays.
/// A long line said twice is a paste or caption duplicate wherever the repeat stands. A short line (a heading, an
/// interview question, "Pre-workout meal") legitimately recurs through a body, so it counts as a duplicate only
/// when it repeats the line just before it (blank lines aside).
/// </summary>
public sealed class RepeatedLineRule : ICleaningRule
{
    private const int MinWords = 3;
    private const int LongLineWords = 12;

    public string Name => "repeated-line";

    public IEnumerable<Removal> Find(IReadOnlyList<TextLine> lines)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var line in lines)
        {
            if (line.IsBlank) continue;
            var text = line.Trimmed;
            int words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            bool repeat = !seen.Add(text);
            if (repeat && words >= MinWords && (words >= LongLineWords || text == previous))
                yield return new Removal(line.Start, line.End, RemovalKinds.RepeatedLine, Name);
            previous = text;
        }
    }
}
