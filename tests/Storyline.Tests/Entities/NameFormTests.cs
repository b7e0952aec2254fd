using Storyline.Language.Entities;
using Xunit;

namespace Storyline.Tests.Entities;

public class NameFormTests
{
    [Theory]
    [InlineData("Zelensky", "Zelenskyy", true)]
    [InlineData("Zelenskiy", "Zelensky", true)]
    [InlineData("Sergey", "Sergei", true)]
    [InlineData("Peskov", "Peskov", true)]
    [InlineData("Trump", "Truman", false)]
    [InlineData("Bush", "Rush", false)]
    [InlineData("Harris", "Morris", false)]
    public void Spelling_variants_of_one_name_are_the_same_name(string a, string b, bool same) =>
        Assert.Equal(same, NameForms.SameName(a, b));

    [Theory]
    [InlineData("President Vladimir Putin's", "Vladimir Putin")]
    [InlineData("Russian Foreign Minister Sergey Lavrov", "Sergey Lavrov")]
    [InlineData("then-President Trump", "Trump")]
    [InlineData("special envoy Steve Witkoff", "Steve Witkoff")]
    [InlineData("Putin’s", "Putin")]
    [InlineData("George H.W. Bush", "George H.W. Bush")]
    public void Titles_and_possessives_are_not_part_of_the_name(string mention, string name) =>
        Assert.Equal(name, string.Join(' ', NameForms.NameTokens(mention)));

    [Theory]
    [InlineData("U.S.", "United States")]
    [InlineData("US", "United States")]
    [InlineData("NATO", "North Atlantic Treaty Organization")]
    [InlineData("Britain", "United Kingdom")]
    // Plain ASCII words take a key built on the stack, others (spaces, hyphens, beyond ASCII) the full key: both agree.
    [InlineData("u.s.a.", "United States")]
    [InlineData("United States of America", "United States")]
    [InlineData("the U.S.", "United States")]
    public void Aliases_name_their_canonical_entity(string alias, string canonical) =>
        Assert.Equal(canonical, NameForms.Alias(alias));

    [Theory]
    [InlineData("Harbourmaster")]
    [InlineData("Zwölf")]
    [InlineData("then-Senator")]
    public void Words_that_are_no_alias_have_none(string word) => Assert.Null(NameForms.Alias(word));

    [Theory]
    [InlineData("Foreign Minister Sergey Lavrov", 2)]
    [InlineData("then-U.S. Ambassador Jane Hartley", 2)]
    [InlineData("Dock workers walked out", 0)]
    public void A_title_is_measured_the_same_inside_a_longer_sentence(string words, int expected)
    {
        var alone = words.Split(' ');
        Assert.Equal(expected, NameForms.LeadingTitleLength(alone));
        // The same words at an offset of a longer sentence, the window ending before the sentence does.
        string[] sentence = ["Yesterday", "in", "Rotterdam", .. alone, "said", "so"];
        Assert.Equal(expected, NameForms.LeadingTitleLength(sentence, 3, alone.Length));
    }

    [Fact]
    public void Given_names_match_their_initials_but_not_other_names()
    {
        Assert.True(NameForms.CompatibleGiven("G.", "George"));
        Assert.False(NameForms.CompatibleGiven("Mary", "Donald"));
    }
}
