using FsCheck.Fluent;
using Storyline.Language.Tokenization;
using Xunit;

namespace Storyline.Tests.Language;

public class TokenizerSpecs
{
    public static IEnumerable<object[]> Files() => SpecFiles.Cases("tokenizer");

    [Theory]
    [MemberData(nameof(Files))]
    public void Tokenizes_as_the_golden_file_says(string file)
    {
        var lines = File.ReadLines(Path.Combine(SpecFiles.Folder("tokenizer"), file))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.True(lines.Count > 0 && lines.Count % 2 == 0, $"{file}: cases come in pairs of input and expected lines");
        var failures = new List<string>();
        for (int i = 0; i < lines.Count; i += 2)
        {
            var actual = string.Join(' ', Tokenizer.Tokenize(lines[i]).Select(t => t.Text));
            if (actual != lines[i + 1]) failures.Add($"input:    {lines[i]}\nexpected: {lines[i + 1]}\nactual:   {actual}");
        }
        Assert.True(failures.Count == 0, $"{file}:\n" + string.Join("\n\n", failures));
    }

    [Fact]
    public void Offsets_point_at_the_token_text_and_increase()
    {
        const string text = "  “Trump’s $12,000 deal,” said Dr. Smith—again...\n\nU.S. officials’ e-mail: a@b.org #tag ";
        var tokens = Tokenizer.Tokenize(text);
        Assert.NotEmpty(tokens);
        int previousEnd = 0;
        foreach (var t in tokens)
        {
            Assert.Equal(text[t.Start..t.End], t.Text);
            Assert.True(t.Start >= previousEnd && t.End > t.Start);
            previousEnd = t.End;
        }
    }

    [Fact]
    public void Every_non_space_character_belongs_to_exactly_one_token()
    {
        var property = Prop.ForAll<string>(text =>
        {
            text ??= "";
            var tokens = Tokenizer.Tokenize(text);
            var covered = new bool[text.Length];
            int previousEnd = 0;
            foreach (var t in tokens)
            {
                if (t.Start < previousEnd || t.End <= t.Start || text[t.Start..t.End] != t.Text) return false;
                for (int k = t.Start; k < t.End; k++) covered[k] = true;
                previousEnd = t.End;
            }
            for (int k = 0; k < text.Length; k++)
                if (covered[k] == (char.IsWhiteSpace(text[k]) || text[k] is '\u200B' or '\uFEFF')) return false;
            return true;
        });
        FsCheck.Check.QuickThrowOnFailure(property);
    }

    [Fact]
    public void Empty_and_blank_text_has_no_tokens()
    {
        Assert.Empty(Tokenizer.Tokenize(""));
        Assert.Empty(Tokenizer.Tokenize(" \n\t "));
    }
}
