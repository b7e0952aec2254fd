using System.Text.RegularExpressions;
using Storyline.Learning;

namespace Storyline.Time;

/// <summary>
/// The word lists the time rules are built from, read from <c>Resources/time/*.tsv</c> (word, tab, value).
/// Lookups ignore case; <see cref="Alternation"/> turns a list into a regular-expression alternation, longest first.
/// </summary>
public sealed class TimeLexicon
{
    public static TimeLexicon Default { get; } = Load(path => EmbeddedData.ReadLines(path));

    public IReadOnlyDictionary<string, int> Months { get; }
    public IReadOnlyDictionary<string, int> Weekdays { get; }
    public IReadOnlyDictionary<string, string> Seasons { get; }
    /// <summary>Number words; the value is a number or <c>X</c> for an unspecified amount ("several").</summary>
    public IReadOnlyDictionary<string, string> Numbers { get; }
    public IReadOnlyDictionary<string, int> Ordinals { get; }
    public IReadOnlyDictionary<string, string> Units { get; }
    public IReadOnlyDictionary<string, string> PartsOfDay { get; }
    public IReadOnlyDictionary<string, string> References { get; }
    public IReadOnlyDictionary<string, string> Holidays { get; }
    public IReadOnlyDictionary<string, string> TenseCues { get; }
    /// <summary>Adverbs of frequency ("daily") → SET value.</summary>
    public IReadOnlyDictionary<string, string> Sets { get; }

    private TimeLexicon(Func<string, IEnumerable<string>> readLines)
    {
        Dictionary<string, string> Table(string name)
        {
            var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in readLines($"time/{name}.tsv"))
            {
                var cells = line.Split('\t');
                if (cells.Length != 2) throw new FormatException($"time/{name}.tsv: expected 'word<TAB>value' but found '{line}'");
                table[cells[0].Trim()] = cells[1].Trim();
            }
            return table;
        }
        static Dictionary<string, int> Numeric(Dictionary<string, string> table) =>
            table.ToDictionary(kv => kv.Key, kv => int.Parse(kv.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);

        Months = Numeric(Table("months"));
        Weekdays = Numeric(Table("weekdays"));
        Seasons = Table("seasons");
        Numbers = Table("numbers");
        Ordinals = Numeric(Table("ordinals"));
        Units = Table("units");
        PartsOfDay = Table("parts-of-day");
        References = Table("references");
        Holidays = Table("holidays");
        TenseCues = Table("tense-cues");
        Sets = Table("sets");
    }

    public static TimeLexicon Load(Func<string, IEnumerable<string>> readLines) => new(readLines);

    /// <summary>A regex alternation of the words, longest first so that "a couple of" wins over "a".</summary>
    public static string Alternation(IEnumerable<string> words) =>
        "(?:" + string.Join("|", words.OrderByDescending(w => w.Length).Select(w => Regex.Escape(w).Replace("\\ ", "\\s+").Replace("'", "['’]"))) + ")";

    /// <summary>Units of one granularity class: <paramref name="codes"/> such as D, W, M, Y.</summary>
    public IEnumerable<string> UnitWords(params string[] codes) => Units.Where(kv => codes.Contains(kv.Value)).Select(kv => kv.Key);

    /// <summary>A number written as digits or as words; null for an unspecified amount ("several"), or when unknown.</summary>
    public int? NumberOf(string text)
    {
        var t = Regex.Replace(text.Trim(), @"\s+", " ");
        if (int.TryParse(t.Replace(",", ""), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n)) return n;
        if (Numbers.TryGetValue(t, out var v)) return v == "X" ? null : int.Parse(v, System.Globalization.CultureInfo.InvariantCulture);
        // "twenty-five", "twenty five"
        var parts = t.Split('-', ' ');
        if (parts.Length == 2 && Numbers.TryGetValue(parts[0], out var tens) && Numbers.TryGetValue(parts[1], out var ones) && tens != "X" && ones != "X")
            return int.Parse(tens, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(ones, System.Globalization.CultureInfo.InvariantCulture);
        return null;
    }
}
