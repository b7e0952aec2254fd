using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Xunit;

namespace Storyline.Tests.Language;

public class SentenceSplitterSpecs
{
    public static IEnumerable<object[]> Files() => SpecFiles.Cases("sentences");

    private sealed record Case(string Name, string Input, List<string> Expected);

    private static IEnumerable<Case> ReadCases(string path)
    {
        Case? current = null;
        var input = new List<string>();
        bool inExpected = false;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("=== "))
            {
                if (current is not null) yield return current;
                current = new Case(line[4..], "", []);
                input.Clear();
                inExpected = false;
            }
            else if (current is null) continue;
            else if (line == "---")
            {
                current = current with { Input = string.Join('\n', input) };
                inExpected = true;
            }
            else if (inExpected) { if (line.Length > 0) current.Expected.Add(line); }
            else input.Add(line);
        }
        if (current is not null) yield return current;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Splits_as_the_golden_file_says(string file)
    {
        var cases = ReadCases(Path.Combine(SpecFiles.Folder("sentences"), file)).ToList();
        Assert.NotEmpty(cases);
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var tokens = Tokenizer.Tokenize(c.Input);
            var actual = SentenceSplitter.Split(c.Input, tokens).Select(s => c.Input[s.Start..s.End]).ToList();
            if (!actual.SequenceEqual(c.Expected))
                failures.Add($"=== {c.Name}\nexpected:\n  {string.Join("\n  ", c.Expected)}\nactual:\n  {string.Join("\n  ", actual)}");
        }
        Assert.True(failures.Count == 0, $"{file}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Sentences_cover_every_token_once_and_in_order()
    {
        const string text = "He said “no.” Then he left!\nA headline\n\nAnother paragraph... With more. And more";
        var tokens = Tokenizer.Tokenize(text);
        var sentences = SentenceSplitter.Split(text, tokens);
        int next = 0;
        foreach (var s in sentences)
        {
            Assert.Equal(next, s.FirstToken);
            Assert.True(s.TokenCount > 0);
            Assert.Equal(tokens[s.FirstToken].Start, s.Start);
            Assert.Equal(tokens[s.FirstToken + s.TokenCount - 1].End, s.End);
            next += s.TokenCount;
        }
        Assert.Equal(tokens.Length, next);
        Assert.Empty(SentenceSplitter.Split("", []));
    }
}
