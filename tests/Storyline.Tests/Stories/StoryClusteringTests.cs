using Xunit;
using FsCheck;
using FsCheck.Fluent;
using Storyline.Documents;
using Storyline.Ingest;
using Storyline.Segmentation;
using Storyline.Pipeline;
using Storyline.Stories;
using static Storyline.Tests.Stories.StoryFixtures;

namespace Storyline.Tests.Stories;

public class StoryClusteringTests
{
    private static List<Story> Cluster(IEnumerable<Article> articles, StoryIndex? index = null)
    {
        index ??= new StoryIndex();
        index.Add(articles.Select(a => new AnalyzedArticle(a)));
        return index.Stories.ToList();
    }

    [Fact]
    public void Spec_articles_form_the_expected_stories()
    {
        var stories = Cluster(SpecArticles("basic"));
        Assert.Equal(ExpectedPartition("basic"), Partition(stories));
    }

    [Fact]
    public void Shuffled_input_gives_the_same_partition_ids_and_titles()
    {
        var articles = SpecArticles("basic");
        var reference = Cluster(articles).Select(s => (s.Id, s.Title, Canonical(s.ArticleIds))).ToHashSet();
        var shuffles = Gen.Shuffle(articles.ToArray()).ToArbitrary();
        Prop.ForAll(shuffles, shuffled =>
            Cluster(shuffled).Select(s => (s.Id, s.Title, Canonical(s.ArticleIds))).ToHashSet().SetEquals(reference))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Story_id_comes_from_the_first_article_in_publication_order()
    {
        var stories = Cluster(SpecArticles("basic"));
        var quake = stories.Single(s => s.ArticleIds.Contains("quake-local.txt"));
        Assert.Equal("story-quake-wire.txt", quake.Id);
    }

    [Fact]
    public void Title_is_the_title_of_the_most_central_article()
    {
        var articles = SpecArticles("basic");
        var stories = Cluster(articles);
        foreach (var story in stories)
            Assert.Contains(story.Title, articles.Where(a => story.ArticleIds.Contains(a.Id)).Select(a => a.Title));
        Assert.Equal("Redmoor United win the cup final on penalties", stories.Single(s => s.ArticleIds.Contains("football-final.txt")).Title);
    }

    [Fact]
    public void Untitled_article_gives_its_first_sentence_trimmed_as_title()
    {
        var body = "Rescue crews in the fictional port of Lindqvarn pulled three fishermen from the icy water after their trawler capsized in a storm that also flooded the lower town and cut power to thousands of homes along the coast. "
                 + "The coast guard said the crew had clung to the hull for two hours.";
        var story = Cluster([Article("only", null, body)]).Single();
        Assert.EndsWith("…", story.Title);
        Assert.True(story.Title.Length <= 101, story.Title);
        Assert.StartsWith("Rescue crews in the fictional port of Lindqvarn", story.Title);
    }

    [Fact]
    public void A_headline_names_the_story_before_a_more_central_lead_and_a_lead_loses_its_dateline()
    {
        const string lead = "KESTRAVIK, Norland (AP) — Fishermen in the fictional port of Kestravik blocked the harbour mouth with forty trawlers on Monday to protest new quotas on cod. ";
        var untitled = Article("untitled", null,
            lead + "The fishermen said the quotas on cod would close half the Kestravik fleet. The harbour master of Kestravik said the trawlers blocked ferries and cargo ships.", "2024-03-04");
        var titled = Article("titled", "Kestravik trawlers block harbour over cod quotas",
            "Forty trawlers blocked the harbour of Kestravik on Monday as fishermen protested new cod quotas. Ferries waited outside the harbour mouth.", "2024-03-04");

        var story = Assert.Single(Cluster([untitled, titled]));
        Assert.Equal("Kestravik trawlers block harbour over cod quotas", story.Title);

        var alone = Assert.Single(Cluster([untitled]));
        Assert.StartsWith("Fishermen in the fictional port of Kestravik", alone.Title);
    }

    [Theory]
    [InlineData("Kestravik trawlers block harbour over cod quotas\nForty trawlers blocked the harbour on Monday.", true)]
    [InlineData("Forty trawlers blocked the harbour of Kestravik on Monday.\nFerries waited outside.", false)]
    [InlineData("KESTRAVIK (AP) — Forty trawlers blocked the harbour of Kestravik on Monday.", false)]
    public void A_first_line_without_closing_punctuation_is_a_headline_and_a_lead_is_not(string text, bool headline)
    {
        var article = new ArticleFactory().Create(PlainTextReader.Parse("headline.txt", text))[0];
        Assert.Equal(headline, article.HasHeadline);
        Assert.DoesNotContain("(AP)", article.Title);
    }

    [Fact]
    public void Whether_a_title_is_a_headline_survives_a_save_and_load()
    {
        var index = new StoryIndex();
        index.Add([new AnalyzedArticle(Article("a", "Kestravik trawlers block harbour over cod quotas", "Forty trawlers blocked the harbour of Kestravik on Monday.", "2024-03-04"))]);
        var loaded = StoryIndex.FromBytes(index.ToBytes()).Value;
        Assert.Equal(index.ToBytes(), loaded.ToBytes());
    }

    [Fact]
    public void Saved_index_loads_and_later_articles_join_existing_stories()
    {
        var articles = SpecArticles("basic");
        var first = new StoryIndex();
        first.Add(articles.Where(a => a.Id != "quake-analysis.txt" && a.Id != "vote-reaction.txt").Select(a => new AnalyzedArticle(a)));
        var bytes = first.ToBytes();

        var loaded = StoryIndex.FromBytes(bytes);
        Assert.True(loaded.Success, loaded.Problem);
        var index = loaded.Value;
        Assert.Equal(first.Stories.Select(s => (s.Id, s.Title, Canonical(s.ArticleIds))), index.Stories.Select(s => (s.Id, s.Title, Canonical(s.ArticleIds))));
        Assert.Equal(first.DocumentCount, index.DocumentCount);

        var later = articles.Where(a => a.Id is "quake-analysis.txt" or "vote-reaction.txt").ToList();
        var freshStory = Article("new-topic", "Lighthouse keeper retires after forty years on Skerrow rock",
            "Anton Vell, the last keeper of the Skerrow rock lighthouse, retired on Sunday after forty years of tending the lamp. The lighthouse will be automated next spring, the maritime authority said.", "2024-05-04");
        var update = index.Add(later.Append(freshStory).Select(a => new AnalyzedArticle(a)));

        Assert.Equal("story-quake-wire.txt", update.StoryOfArticle["quake-analysis.txt"]);
        Assert.Equal("story-vote-result.txt", update.StoryOfArticle["vote-reaction.txt"]);
        Assert.Equal(["story-new-topic"], update.CreatedStories);
        Assert.Equal(ExpectedPartition("basic").Append("new-topic").ToHashSet(), Partition(index.Stories));
    }

    [Fact]
    public void Any_split_into_two_batches_gives_the_one_batch_partition()
    {
        var articles = SpecArticles("basic");
        var failures = new List<string>();
        for (int mask = 1; mask < (1 << articles.Count) - 1; mask++)
        {
            var index = new StoryIndex();
            index.Add(articles.Where((_, i) => (mask >> i & 1) == 1).Select(a => new AnalyzedArticle(a)));
            index = StoryIndex.FromBytes(index.ToBytes()).Value;
            index.Add(articles.Where((_, i) => (mask >> i & 1) == 0).Select(a => new AnalyzedArticle(a)));
            if (!Partition(index.Stories).SetEquals(ExpectedPartition("basic")))
                failures.Add($"{mask}: {string.Join(" | ", Partition(index.Stories))}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Two_events_of_one_kind_form_two_stories()
    {
        Assert.Equal(ExpectedPartition("two-cranes"), Partition(Cluster(SpecArticles("two-cranes"))));
    }

    [Fact]
    public void Later_articles_cut_a_stored_story_that_holds_two_events()
    {
        var articles = SpecArticles("two-cranes");
        bool early(Article a) => a.Id is "crane-a1.txt" or "crane-a2.txt" or "crane-b1.txt" or "crane-b2.txt";
        var index = new StoryIndex();
        index.Add(articles.Where(early).Select(a => new AnalyzedArticle(a)));
        var mixed = Assert.Single(index.Stories); // four articles are too few for the refinement to cut
        Assert.Equal("story-crane-a1.txt", mixed.Id);
        index = StoryIndex.FromBytes(index.ToBytes()).Value;

        var update = index.Add(articles.Where(a => !early(a)).Select(a => new AnalyzedArticle(a)));

        // The later b-reports take b2 away into a new story; the stored story keeps its id with its founding article.
        // The b-flash stays with the a-flash: in the stored story the cut keeps it beside the flash it resembles most
        // (one batch puts it with the b-reports; this is the price of stories that grow batch by batch).
        var bStory = index.StoryOf("crane-b3.txt")!;
        Assert.Equal(bStory, update.StoryOfArticle["crane-b2.txt"]);
        Assert.Equal(bStory, index.StoryOf("crane-b2.txt"));
        Assert.Equal([bStory], update.CreatedStories);
        Assert.Equal(["story-crane-a1.txt"], update.GrownStories);
        Assert.Equal(Canonical(["crane-a1.txt", "crane-a2.txt", "crane-a3.txt", "crane-a4.txt", "crane-b1.txt"]), Canonical(index.Find("story-crane-a1.txt")!.ArticleIds));
        Assert.Equal(Canonical(["crane-b2.txt", "crane-b3.txt", "crane-b4.txt"]), Canonical(index.Find(bStory)!.ArticleIds));
    }

    [Fact]
    public void New_articles_of_one_event_form_one_story_in_a_later_batch()
    {
        var articles = SpecArticles("basic");
        var index = new StoryIndex();
        index.Add(articles.Select(a => new AnalyzedArticle(a)));
        var ferry = new[]
        {
            Article("ferry-1", "Ferry runs aground off Skerrow in thick fog",
                "The passenger ferry Marta Holm ran aground off Skerrow island on Tuesday morning in thick fog. All 212 passengers were taken off by lifeboats, the harbour master of Skerrow said.", "2024-05-07"),
            Article("ferry-2", "Passengers rescued after Skerrow ferry grounding",
                "Lifeboats took 212 passengers off the ferry Marta Holm after it ran aground near Skerrow in fog. Divers will inspect the hull of the Marta Holm before it is towed to port.", "2024-05-07"),
        };
        var update = index.Add(ferry.Select(a => new AnalyzedArticle(a)));
        var created = Assert.Single(update.CreatedStories);
        Assert.Equal(created, update.StoryOfArticle["ferry-1"]);
        Assert.Equal(created, update.StoryOfArticle["ferry-2"]);
        Assert.Empty(update.GrownStories);
    }

    [Fact]
    public void Index_bytes_of_the_first_format_fail_with_a_reason()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(gzip))
        {
            w.Write("STORYIDX");
            w.Write(1);
        }
        var result = StoryIndex.FromBytes(buffer.ToArray());
        Assert.False(result.Success);
        Assert.Contains("older Storyline", result.Problem);
    }

    [Fact]
    public void Adding_an_article_twice_changes_nothing()
    {
        var articles = SpecArticles("basic");
        var index = new StoryIndex();
        index.Add(articles.Select(a => new AnalyzedArticle(a)));
        var before = index.ToBytes();
        var update = index.Add(articles.Take(2).Select(a => new AnalyzedArticle(a)));
        Assert.Empty(update.StoryOfArticle);
        Assert.Equal(before, index.ToBytes());
    }

    [Fact]
    public void Damaged_bytes_fail_with_a_reason()
    {
        var result = StoryIndex.FromBytes("not an index"u8);
        Assert.False(result.Success);
        Assert.Contains("story index", result.Problem);
        var bytes = new StoryIndex().ToBytes();
        Assert.False(StoryIndex.FromBytes(bytes.AsSpan(0, bytes.Length / 2)).Success);
    }

    [Fact]
    public void Time_far_apart_lowers_similarity_and_unknown_dates_do_not()
    {
        var index = new StoryIndex();
        var day = new NodaTime.LocalDate(2024, 5, 1);
        Assert.Equal(1, index.TimeFactor(day, day.PlusDays(2), day.PlusDays(2)));
        Assert.Equal(1, index.TimeFactor(null, day, day));
        Assert.True(index.TimeFactor(day, day.PlusDays(200), day.PlusDays(200)) < 0.01);
    }

    [Fact]
    public void Stage_fills_stories_and_near_duplicates()
    {
        var articles = SpecArticles("basic");
        var wire = articles.Single(a => a.Id == "quake-wire.txt");
        var copy = Article("quake-wire-copy", wire.Title, wire.Text.Replace("VALDORIA (Northwire) —", "VALDORIA, May 2 (Daily Courier) —"), "2024-05-03");
        var pipeline = new PipelineBuilder().UseStories().Build();

        var analysis = pipeline.Run(articles.Append(copy));

        Assert.Equal(4, analysis.Stories.Length);
        Assert.Contains("quake-wire-copy", analysis.Stories.Single(s => s.Id == "story-quake-wire.txt").ArticleIds);
        var pair = Assert.Single(analysis.NearDuplicates);
        Assert.Equal(("quake-wire-copy", "quake-wire.txt"), (pair.Duplicate, pair.Original));
        Assert.True(pair.Similarity >= 0.8);
    }
}
