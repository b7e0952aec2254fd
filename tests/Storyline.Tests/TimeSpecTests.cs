using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Storyline.Language.Pos;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Storyline.Time;
using Xunit;

namespace Storyline.Tests;

/// <summary>Golden specs for the time tagger: Specs/time/*.txt (format in Specs/time/README.md).</summary>
public class TimeSpecTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Specs", "time");

    public static IEnumerable<object[]> SpecFiles() =>
        Directory.GetFiles(Folder, "*.txt").Select(f => new object[] { Path.GetFileName(f) });

    [Fact]
    public void Every_rule_is_exercised_by_some_spec()
    {
        var used = new HashSet<string>();
        foreach (var (clock, sentence, _, _) in Directory.GetFiles(Folder, "*.txt").SelectMany(f => Cases(File.ReadAllText(f))))
            foreach (var t in TimeTagger.Default.Tag(sentence, clock)) used.Add(t.Rule!);
        var missing = TimeTagger.Default.Rules.Select(r => r.Name).Where(n => !used.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "rules with no spec: " + string.Join(", ", missing));
    }

    private static IEnumerable<(LocalDate? Clock, string Sentence, List<string> Expected, bool Tagged)> Cases(string content)
    {
        foreach (var block in content.Replace("\r", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var clockLine = lines.Single(l => l.StartsWith("clock:", StringComparison.Ordinal))["clock:".Length..].Trim();
            LocalDate? clock = clockLine == "none" ? null : LocalDatePattern.Iso.Parse(clockLine).Value;
            var sentence = lines.Single(l => l.StartsWith("> ", StringComparison.Ordinal))[2..];
            bool tagged = lines.Any(l => l.Trim() == "with: pos");
            yield return (clock, sentence, lines.Where(l => l.Contains(" | ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList(), tagged);
        }
    }

    [Theory]
    [MemberData(nameof(SpecFiles))]
    public void Tags_and_normalises_as_the_spec_says(string file)
    {
        var failures = new List<string>();
        int cases = 0;
        foreach (var (clock, sentence, expected, tagged) in Cases(File.ReadAllText(Path.Combine(Folder, file))))
        {
            var clockLine = clock?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none";
            var found = tagged ? TagWithPos(sentence, clock) : TimeTagger.Default.Tag(sentence, clock);
            var actual = found.Select(t => $"{t.Text} | {t.Type} | {t.Value ?? "unresolved"}").ToList();
            foreach (var t in found)
                if (t.Value is null) Assert.False(string.IsNullOrEmpty(t.Unresolved), $"unresolved '{t.Text}' carries no reason");
            cases++;
            if (!expected.SequenceEqual(actual))
                failures.Add($"> {sentence} (clock {clockLine})\n  expected: {string.Join(" ; ", expected)}\n  actual:   {string.Join(" ; ", actual)}");
        }
        Assert.True(cases > 0, $"{file} holds no cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed in {file}:\n" + string.Join("\n", failures));
    }

    /// <summary>As the pipeline runs the tagger: with tokens, sentences and part-of-speech tags for the tense.</summary>
    private static IReadOnlyList<TimeExpression> TagWithPos(string sentence, LocalDate? clock)
    {
        var tokens = Tokenizer.Tokenize(sentence);
        var sentences = SentenceSplitter.Split(sentence, tokens);
        var tagged = PosTagger.Shipped.Value.Tag(tokens, sentences);
        return TimeTagger.Default.Tag(sentence, clock, sentences, tagged);
    }
}
