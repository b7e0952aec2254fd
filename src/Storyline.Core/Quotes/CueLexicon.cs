using Storyline.Learning;

namespace Storyline.Quotes;

/// <summary>How a cue relates its source and content (see <c>Resources/quotes/cues.tsv</c>).</summary>
public enum CueClass { Say, Tell, According, As }

/// <summary>The attribution cues ("said", "told", "according to", "described … as"), read from a data file.</summary>
public sealed class CueLexicon
{
    private readonly Dictionary<string, (string[] Words, CueClass Class)[]> _byFirstWord;

    public CueLexicon(IEnumerable<string> lines)
    {
        var entries = new List<(string[] Words, CueClass Class)>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t');
            if (parts.Length < 2 || !Enum.TryParse<CueClass>(parts[1].Trim(), ignoreCase: true, out var cueClass)) continue;
            entries.Add((parts[0].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries), cueClass));
        }
        _byFirstWord = entries.DistinctBy(e => string.Join(' ', e.Words))
            .GroupBy(e => e.Words[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Words.Length).ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public static CueLexicon Default { get; } = new(EmbeddedData.ReadLines("quotes/cues.tsv"));

    /// <summary>The longest cue starting at token <paramref name="at"/>: its length in tokens and class, or null.</summary>
    public (int Length, CueClass Class)? Match(IReadOnlyList<string> words, int at)
    {
        if (!_byFirstWord.TryGetValue(words[at], out var candidates)) return null;
        foreach (var (cueWords, cueClass) in candidates)
        {
            if (at + cueWords.Length > words.Count) continue;
            bool all = true;
            for (int k = 1; k < cueWords.Length && all; k++)
                all = string.Equals(words[at + k], cueWords[k], StringComparison.OrdinalIgnoreCase);
            if (all) return (cueWords.Length, cueClass);
        }
        return null;
    }
}
