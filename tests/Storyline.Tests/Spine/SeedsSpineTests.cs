using Storyline.Ingest;
using Storyline.Segmentation;
using Xunit;

namespace Storyline.Tests.Spine;

/// <summary>The spine's acceptance checks on the mission's seed texts (read from ../shared/corpus/seeds, never copied).</summary>
public class SeedsSpineTests
{
    private static List<Storyline.Documents.Article> Articles()
    {
        var factory = new ArticleFactory();
        return Ingestor.CreateDefault().Read([Seeds.Folder()!]).Select(r => r.Value).SelectMany(factory.Create).ToList();
    }

    [SeedsFact]
    public void Six_articles_with_the_expected_publication_dates()
    {
        var articles = Articles();
        Assert.Equal(6, articles.Count);
        var byFile = articles.GroupBy(a => Path.GetFileName(a.Source)[..3]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(2, byFile["000"].Count);
        Assert.Equal(("2025-03-24", "inferred:caption"), (byFile["000"][0].Published.Iso, byFile["000"][0].Published.Basis));
        Assert.Equal(("2025-03-26", "inferred:caption"), (byFile["000"][1].Published.Iso, byFile["000"][1].Published.Basis));
        Assert.StartsWith("PARIS (AP)", byFile["000"][1].Text);
        Assert.Equal(("2025-03-23", "header"), (byFile["001"][0].Published.Iso, byFile["001"][0].Published.Basis));
        Assert.Null(byFile["002"][0].Published.Iso);
        Assert.False(string.IsNullOrEmpty(byFile["002"][0].Published.Reason));
        Assert.Equal("2025-03-23", byFile["003"][0].Published.Iso);
        Assert.Equal("2025-03-22", byFile["004"][0].Published.Iso);
    }

    [SeedsFact]
    public void Boilerplate_is_removed_and_recorded_and_body_sentences_survive()
    {
        var articles = Articles();
        var text = string.Join("\n", articles.Select(a => a.Text));
        var removed = articles.SelectMany(a => a.Removed).ToList();
        foreach (var boilerplate in new[] { "Also Read:", "Read more:", "Read Next", "Image: Shutterstock", "(AP Photo/", "pic.twitter.com", "(@Gerashchenko_en)" })
        {
            Assert.DoesNotContain(boilerplate, text);
            Assert.Contains(removed, r => r.Text.Contains(boilerplate));
        }
        Assert.Contains("Thomas Matthew Crooks, whose bullet grazed", text);
        Assert.Contains("This is the kind of connection", text);
        Assert.Contains(removed, r => r.Kind == "read-more" && r.Text.StartsWith("Putin Agrees With Trump"));
        Assert.Equal(7, removed.Count(r => r.Kind == "photo-caption" && r.Text.Contains("Zelenskyy")));
    }
}
