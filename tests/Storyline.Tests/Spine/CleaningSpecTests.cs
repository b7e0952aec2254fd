using Storyline.Cleaning;
using Xunit;

namespace Storyline.Tests.Spine;

/// <summary>Golden files in Specs/cleaning: input → the clean text and every removed span (kind, rule, text).</summary>
public class CleaningSpecTests
{
    private static readonly TextCleaner Cleaner = new();

    public static IEnumerable<object[]> Specs() => SpecFile.All("cleaning");

    [Theory]
    [MemberData(nameof(Specs))]
    public void Cleans_as_the_spec_says(string file)
    {
        var spec = SpecFile.Named("cleaning", file);
        var input = spec["input"];
        var result = Cleaner.Clean(input);

        Assert.Equal(spec["clean"], result.Text);
        var expected = spec.Lines("removed").Select(l => l.Split(" | ", 3)).Select(p => (p[0], p[1], p[2])).ToList();
        var actual = result.Removed.Select(r => (r.Kind, r.Rule, r.Text.Trim())).ToList();
        Assert.Equal(expected, actual);
        foreach (var r in result.Removed) Assert.Equal(r.Text, input[r.Start..r.End]);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Loses_nothing_every_clean_character_maps_back_to_the_same_input_character(string file)
    {
        var input = SpecFile.Named("cleaning", file)["input"];
        var result = Cleaner.Clean(input);
        for (int i = 0; i < result.Text.Length; i++)
            Assert.Equal(result.Text[i], input[result.Offsets.ToSource(i)]);
        // Every non-space input character is either kept or inside a removed span.
        var covered = new bool[input.Length];
        for (int i = 0; i < result.Text.Length; i++) covered[result.Offsets.ToSource(i)] = true;
        foreach (var r in result.Removed) for (int i = r.Start; i < r.End; i++) covered[i] = true;
        for (int i = 0; i < input.Length; i++)
            Assert.True(covered[i] || char.IsWhiteSpace(input[i]), $"character {i} '{input[i]}' was dropped without a record");
    }
}
