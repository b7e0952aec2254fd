using Xunit;
using Xunit.Abstractions;

namespace Storyline.Tests.Entities;

/// <summary>Issue 3's done-when check on the mission's seed texts (read from ../shared/corpus/seeds, never copied).</summary>
public class SeedEntityTests(ITestOutputHelper output)
{
    private static readonly string[] People =
    [
        "Vladimir Putin", "Donald Trump", "Steve Witkoff", "Tucker Carlson", "Dmitry Peskov", "Emmanuel Macron",
        "Volodymyr Zelenskyy", "Sergey Lavrov", "Karoline Leavitt", "Thomas Matthew Crooks", "Keir Starmer", "Joe Biden",
        "Barack Obama", "George H.W. Bush", "Averell Harriman",
    ];

    [SeedsFact]
    public void Seeds_list_the_people_of_the_mission_as_canonical_persons()
    {
        var analysis = EntityTestKit.Analyze(EntityTestKit.SeedArticles(Seeds.Folder()!));
        output.WriteLine(EntityTestKit.Describe(analysis));
        Assert.Equal(analysis.Entities.Length, analysis.Entities.Select(e => e.Id).Distinct().Count());
        var missing = People.Where(p => analysis.Entities.All(e => !(e.Name == p && e.Type == "PERSON"))).ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));

        // Zelensky and Zelenskyy are one man; Putin, Trump and Witkoff appear in several articles under several names.
        var zelenskyy = analysis.Entities.Single(e => e.Name == "Volodymyr Zelenskyy");
        Assert.Contains(zelenskyy.Aliases, a => a.Contains("Zelensky", StringComparison.Ordinal) && !a.Contains("Zelenskyy", StringComparison.Ordinal));
        Assert.DoesNotContain(analysis.Entities, e => e.Type == "PERSON" && e != zelenskyy && e.Name.Contains("Zelensk", StringComparison.Ordinal));
        foreach (var name in new[] { "Vladimir Putin", "Donald Trump", "Steve Witkoff" })
        {
            var entity = analysis.Entities.Single(e => e.Name == name);
            Assert.True(entity.ArticleIds.Length >= 4, $"{name} is in {entity.ArticleIds.Length} articles");
            Assert.Contains(name.Split(' ')[^1], entity.Aliases);
        }
    }
}
