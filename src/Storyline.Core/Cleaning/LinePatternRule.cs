using System.Text.RegularExpressions;
using Storyline.Learning;

namespace Storyline.Cleaning;

/// <summary>Removes whole lines that match one of the patterns in <c>Resources/cleaning/line-patterns.tsv</c>.</summary>
public sealed class LinePatternRule(string kind, string name, Regex pattern) : ICleaningRule
{
    public string Name => name;
    public string Kind => kind;

    public IEnumerable<Removal> Find(IReadOnlyList<TextLine> lines)
    {
        foreach (var line in lines)
            if (!line.IsBlank && pattern.IsMatch(line.Trimmed))
                yield return new Removal(line.Start, line.End, kind, name);
    }

    private static readonly Lazy<IReadOnlyList<LinePatternRule>> BuiltIn = new(() => Parse(EmbeddedData.ReadText("cleaning/line-patterns.tsv")));

    /// <summary>The shipped rules, parsed and compiled once per process (regexes are immutable and thread-safe).</summary>
    public static IReadOnlyList<LinePatternRule> LoadBuiltIn() => BuiltIn.Value;

    public static IReadOnlyList<LinePatternRule> Parse(string table) =>
        table.Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => f.Length == 3
                ? new LinePatternRule(f[0], f[1], new Regex(f[2], RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(2)))
                : throw new FormatException($"cleaning rule needs kind, name and pattern separated by tabs: '{string.Join("\\t", f)}'"))
            .ToList();
}
