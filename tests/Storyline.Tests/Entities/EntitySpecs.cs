using Storyline.Language.Entities;
using Xunit;
using Xunit.Abstractions;

namespace Storyline.Tests.Entities;

/// <summary>Golden-file specs for entity canonicalisation and resolution (Specs/entities/*.spec).</summary>
public class EntitySpecs(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Files() => SpecFile.All("entities");

    [Theory]
    [MemberData(nameof(Files))]
    public void Spec(string file)
    {
        var spec = SpecFile.Named("entities", file);
        var articleIds = SectionNames(file, "article ");
        var articles = articleIds.Select(id => EntityTestKit.Article(id, spec["article " + id])).ToList();
        var analysis = EntityTestKit.Analyze(articles);
        output.WriteLine(EntityTestKit.Describe(analysis));
        foreach (var a in analysis.Articles)
        {
            output.WriteLine($"{a.Article.Id}: " + string.Join(" | ", a.Mentions.Select(m => $"{m.Text}/{m.Type}")));
            foreach (var e in ArticleEntityLinker.Link(a).Where(e => !e.Roles.IsEmpty))
                output.WriteLine($"  {e.DisplayName}: " + string.Join(", ", e.Roles.Select(r => $"{r.Title}({r.Qualifier})")));
        }

        Assert.Equal(analysis.Entities.Length, analysis.Entities.Select(e => e.Id).Distinct().Count());
        foreach (var m in analysis.Articles.SelectMany(a => a.Mentions))
            Assert.True(m.EntityId is null || analysis.Entities.Any(e => e.Id == m.EntityId), $"{file}: mention '{m.Text}' points to unknown entity {m.EntityId}");
        foreach (var line in spec.Lines("entities"))
        {
            var (head, aliases) = line.Contains(" = ") ? (line[..line.IndexOf(" = ")], line[(line.IndexOf(" = ") + 3)..].Split('|').Select(a => a.Trim()).ToArray()) : (line.Trim(), []);
            var type = head[..head.IndexOf(' ')];
            var name = head[(head.IndexOf(' ') + 1)..];
            var entity = analysis.Entities.FirstOrDefault(e => e.Name == name);
            Assert.True(entity is not null, $"{file}: no entity named '{name}'");
            Assert.Equal(type, entity!.Type);
            foreach (var alias in aliases) Assert.True(entity.Aliases.Contains(alias), $"{file}: '{name}' lacks alias '{alias}' (has {string.Join(", ", entity.Aliases)})");
        }
        foreach (var line in spec.Lines("same"))
        {
            var (a, b) = Pair(line);
            var ea = EntityTestKit.Find(analysis, a);
            Assert.True(ea is not null, $"{file}: '{a}' not found");
            Assert.True(ea == EntityTestKit.Find(analysis, b), $"{file}: '{a}' and '{b}' should be one entity");
        }
        foreach (var line in spec.Lines("apart"))
        {
            var (a, b) = Pair(line);
            var ea = EntityTestKit.Find(analysis, a);
            var eb = EntityTestKit.Find(analysis, b);
            Assert.True(ea is not null && eb is not null, $"{file}: '{a}' or '{b}' not found");
            Assert.True(ea != eb, $"{file}: '{a}' and '{b}' should be different entities");
        }
        foreach (var id in articleIds.Where(id => spec.Has("resolve " + id)))
        {
            var article = analysis.Articles.Single(x => x.Article.Id == id);
            foreach (var line in spec.Lines("resolve " + id))
            {
                var phrase = line[..line.IndexOf(" => ")].Trim();
                var expected = line[(line.IndexOf(" => ") + 4)..].Trim();
                int occurrence = 1;
                if (phrase.Contains('#')) { occurrence = int.Parse(phrase[(phrase.IndexOf('#') + 1)..]); phrase = phrase[..phrase.IndexOf('#')]; }
                int offset = -1;
                for (int k = 0; k < occurrence; k++) offset = article.Text.IndexOf(phrase, offset + 1, StringComparison.Ordinal);
                Assert.True(offset >= 0, $"{file}: '{phrase}' is not in article {id}");
                var resolved = EntityResolver.ResolveAt(analysis, article, offset);
                Assert.True((resolved?.Name ?? "none") == expected, $"{file}: '{phrase}' resolved to {resolved?.Name ?? "none"}, expected {expected}");
            }
        }
    }

    private static (string, string) Pair(string line)
    {
        var parts = line.Split(" / ");
        return (parts[0].Trim(), parts[1].Trim());
    }

    private static List<string> SectionNames(string file, string prefix) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Specs", "entities", file))
            .Where(l => l.StartsWith("--- " + prefix, StringComparison.Ordinal)).Select(l => l[(4 + prefix.Length)..].Trim()).ToList();
}

public class NerStageTests
{
    [Fact]
    public void The_ner_stage_refuses_an_article_without_tokens()
    {
        var article = new Storyline.Documents.AnalyzedArticle(EntityTestKit.Article("x", "Emmanuel Macron spoke in Paris."));
        var error = Assert.Throws<InvalidOperationException>(() => new Storyline.Language.Ner.NerStage().Process(article));
        Assert.Contains("language stage", error.Message);
    }

    [Fact]
    public void Mentions_keep_offsets_into_the_clean_text()
    {
        var analysis = EntityTestKit.Analyze([EntityTestKit.Article("x", "On Monday, French President Emmanuel Macron met Chancellor Olaf Scholz in Berlin.")]);
        var article = analysis.Articles[0];
        Assert.NotEmpty(article.Mentions);
        foreach (var m in article.Mentions) Assert.Equal(m.Text, article.Text[m.Start..m.End]);
        Assert.Contains(article.Mentions, m => m.Text == "Emmanuel Macron" && m.Type == "PERSON" && m.EntityId is not null);
    }
}
