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
    public void Aliases_name_their_canonical_entity(string alias, string canonical) =>
        Assert.Equal(canonical, NameForms.Alias(alias));

    [Fact]
    public void Given_names_match_their_initials_but_not_other_names()
    {
        Assert.True(NameForms.CompatibleGiven("G.", "George"));
        Assert.False(NameForms.CompatibleGiven("Mary", "Donald"));
    }
}
