using Storyline.Documents;

namespace Storyline.Cleaning;

/// <summary>
/// Removes exact repeats of an earlier line (compared with white space trimmed); the first occurrence stays.
/// Very short lines (a word or two, "Advertisement" aside) are left to the other rules: repeating them can be legitimate.
/// </summary>
public sealed class RepeatedLineRule : ICleaningRule
{
    private const int MinWords = 3;

    public string Name => "repeated-line";

    public IEnumerable<Removal> Find(IReadOnlyList<TextLine> lines)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var text = line.Trimmed;
            if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < MinWords) continue;
            if (!seen.Add(text)) yield return new Removal(line.Start, line.End, RemovalKinds.RepeatedLine, Name);
        }
    }
}
