using Xunit;
using Storyline.Stories;
using static Storyline.Tests.Stories.StoryFixtures;

namespace Storyline.Tests.Stories;

public class NearDuplicateTests
{
    private const string Wire =
        "The city council of Brennmoor voted on Tuesday to close the Old Mill bridge to cars after inspectors found rust in two of its steel beams. "
        + "Cyclists and pedestrians may still cross. Council leader Hanne Osk said repairs would take at least six months and cost about 4 million crowns. "
        + "Shop owners on Mill Street fear losing customers while the bridge is closed, and asked the council for help with their rents. "
        + "The bridge, opened in 1931, carries about twelve thousand cars a day.";

    [Fact]
    public void A_wire_copy_with_a_new_byline_and_an_edited_sentence_is_a_near_duplicate_of_the_earlier_article()
    {
        var original = Article("original", null, "BRENNMOOR (Nordpress) — " + Wire, "2024-03-05");
        var copy = Article("copy", null, "By staff reporter. " + Wire.Replace("about twelve thousand cars a day", "some 12,000 vehicles daily"), "2024-03-06");
        var unrelated = Article("unrelated", null, "The national orchestra of Velsland opened its winter season on Friday with a new symphony by Ida Marsk, written for the orchestra's hundredth birthday and performed before a full hall.", "2024-03-05");

        var pairs = new NearDuplicateDetector().Find([copy, unrelated, original]);

        var pair = Assert.Single(pairs);
        Assert.Equal("copy", pair.Duplicate);
        Assert.Equal("original", pair.Original);
        Assert.InRange(pair.Similarity, 0.8, 1.0);
    }

    [Fact]
    public void Undated_copy_counts_as_the_duplicate_of_the_dated_one()
    {
        var dated = Article("b-dated", null, Wire, "2024-03-05");
        var undated = Article("a-undated", null, Wire);
        var pair = Assert.Single(new NearDuplicateDetector().Find([undated, dated]));
        Assert.Equal(("a-undated", "b-dated"), (pair.Duplicate, pair.Original));
    }

    [Fact]
    public void Articles_on_the_same_story_in_different_words_are_not_near_duplicates()
    {
        var a = Article("a", null, Wire, "2024-03-05");
        var b = Article("b", null,
            "Brennmoor's Old Mill bridge is closed to traffic from today. Inspectors discovered corroded beams, the council said, and Hanne Osk, who leads it, expects half a year of repair work. "
            + "Walkers and cyclists can continue to use the crossing. Traders on Mill Street want rent relief.", "2024-03-05");
        Assert.Empty(new NearDuplicateDetector().Find([a, b]));
    }

    [Fact]
    public void Texts_too_short_to_shingle_are_never_paired()
    {
        Assert.Empty(new NearDuplicateDetector().Find([Article("x", null, "Short note."), Article("y", null, "Short note.")]));
    }
}
