using Storyline.Language.Ner;
using Storyline.Language.Pos;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Xunit;

namespace Storyline.Tests.Ner;

/// <summary>Golden-file specs for the named-entity stage (Specs/ner/*.spec; the format is in its README).</summary>
public class NerSpecs
{
    public static IEnumerable<object[]> Files => SpecFile.All("ner");

    [Theory]
    [MemberData(nameof(Files))]
    public void Spec(string file)
    {
        var spec = SpecFile.Named("ner", file);
        var text = spec["text"];
        var tokens = Tokenizer.Tokenize(text);
        var sentences = SentenceSplitter.Split(text, tokens);
        var tagged = PosTagger.Shipped.Value.Tag(tokens, sentences);
        var found = NerStage.FindMentions(EntityRecognizer.Embedded.Value, text, tagged, [.. sentences])
            .Select(m => $"{m.Type} {m.Text}").ToList();
        var listing = string.Join("; ", found);
        foreach (var expected in spec.Lines("entities"))
            Assert.True(found.Contains(expected.Trim()), $"{file}: expected '{expected.Trim()}' among: {listing}");
        foreach (var line in spec.Lines("not"))
        {
            var unwanted = line.Trim();
            bool present = unwanted.StartsWith("* ", StringComparison.Ordinal)
                ? found.Any(f => f[(f.IndexOf(' ') + 1)..] == unwanted[2..])
                : found.Contains(unwanted);
            Assert.False(present, $"{file}: '{unwanted}' should not be found; found: {listing}");
        }
    }
}
