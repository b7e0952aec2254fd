using System.Text;
using Storyline.Ingest;
using Storyline.Ingest.Feeds;
using Storyline.Ingest.Http;
using Xunit;

namespace Storyline.Tests.Ingest;

public sealed class FeedReaderTests : IDisposable
{
    private const string Paragraph = "The river authority opened the new flood gates on Wednesday, two years after the winter floods that reached the market square and closed the old bridge for a month.";

    private readonly LocalHttpServer _server = new();

    private static readonly string Rss = $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>Riverside Times</title>
            <language>en-us</language>
            <item>
              <title>Flood gates open</title>
              <link>https://riverside.example/flood-gates</link>
              <dc:creator>Iris Bell</dc:creator>
              <pubDate>Wed, 05 Jun 2024 18:30:00 +0200</pubDate>
              <description>Short teaser.</description>
              <content:encoded><![CDATA[<p>{Paragraph}</p><div class="share-buttons"><a href="#">Share</a></div><p>Engineers said the gates can hold back water a metre higher than the 2022 flood.</p>]]></content:encoded>
            </item>
            <item>
              <title>Market moves to the park</title>
              <link>LINK</link>
              <description>The weekly market moves for the summer.</description>
            </item>
          </channel>
        </rss>
        """;

    private static readonly string AtomFeed = $"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
          <title>Hill Country Notes</title>
          <author><name>Feed Editor</name></author>
          <entry>
            <title>Trail reopens</title>
            <id>urn:uuid:1</id>
            <link rel="alternate" href="https://hill.example/trail"/>
            <published>2024-09-10T07:00:00Z</published>
            <updated>2024-09-11T07:00:00Z</updated>
            <author><name>Jon Pike</name></author>
            <content type="html">&lt;p&gt;{Paragraph}&lt;/p&gt;</content>
          </entry>
          <entry>
            <title>Inline markup entry</title>
            <id>urn:uuid:2</id>
            <link href="https://hill.example/inline"/>
            <updated>2024-09-12T07:00:00Z</updated>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{Paragraph}</p></div></content>
          </entry>
          <entry>
            <title>Link only</title>
            <id>urn:uuid:3</id>
            <link href="https://hill.example/only-a-link"/>
            <updated>2024-09-13T07:00:00Z</updated>
            <summary>A teaser.</summary>
          </entry>
        </feed>
        """;

    private static InputFile File(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Rss_entries_with_full_content_go_through_the_extractor()
    {
        var reader = new FeedReader(new IngestOptions());
        var input = File("news.rss", Rss.Replace("LINK", "https://riverside.example/market"));
        Assert.True(reader.CanRead(input));
        var outcomes = reader.Read(input).ToList();
        Assert.Equal(2, outcomes.Count);
        var first = outcomes[0].Value;
        Assert.Equal("news.rss#1", first.Source);
        Assert.Equal("feed", first.Format);
        Assert.StartsWith("The river authority opened", first.Text);
        Assert.Contains("Engineers said", first.Text);
        Assert.DoesNotContain("Share", first.Text);
        Assert.Contains(first.RemovedByReader, r => r.Kind == "share-bar");
        Assert.Equal("Flood gates open", first.Metadata.Title);
        Assert.Equal("Riverside Times", first.Metadata.Outlet);
        Assert.Equal(["Iris Bell"], first.Metadata.Authors);
        Assert.Equal(new NodaTime.LocalDate(2024, 6, 5), first.Metadata.Published);
        Assert.Equal("feed", first.Metadata.FieldSources["published"]);
        Assert.Equal("https://riverside.example/flood-gates", first.Metadata.Url);
    }

    [Fact]
    public void A_link_only_entry_without_fetching_is_a_clear_failure_and_the_rest_goes_on()
    {
        var outcomes = new FeedReader(new IngestOptions()).Read(File("news.xml", Rss.Replace("LINK", "https://riverside.example/market"))).ToList();
        Assert.True(outcomes[0].Success);
        Assert.False(outcomes[1].Success);
        Assert.Contains("only a link", outcomes[1].Problem);
        Assert.Contains("--fetch", outcomes[1].Problem);
        Assert.StartsWith("entry 2 (\"Market moves to the park\")", outcomes[1].Problem);
    }

    [Fact]
    public void A_link_only_entry_is_fetched_when_asked()
    {
        var page = $"""
            <html><head><title>Market moves to the park</title>
            <meta property="article:published_time" content="2024-06-06T09:00:00Z"></head>
            <body><nav><a href="/">Home</a></nav><article><p>{Paragraph}</p><p>The market returns to the square in September.</p></article></body></html>
            """;
        _server.Route("/market", LocalHttpServer.Response.Html(page));
        using var fetcher = new HttpFetcher(new HttpFetcherOptions { MinimumIntervalPerHost = TimeSpan.Zero });
        var reader = new FeedReader(new IngestOptions { FetchLinkedPages = true, Fetcher = fetcher });
        var outcomes = reader.Read(File("news.rss", Rss.Replace("LINK", _server.Url("/market").ToString()))).ToList();
        Assert.True(outcomes[1].Success, outcomes[1].Problem);
        var fetched = outcomes[1].Value;
        Assert.Contains("market returns to the square", fetched.Text);
        Assert.Equal(new NodaTime.LocalDate(2024, 6, 6), fetched.Metadata.Published);
        Assert.Equal("opengraph", fetched.Metadata.FieldSources["published"]);
        Assert.Equal("Riverside Times", fetched.Metadata.Outlet);
        Assert.Equal("feed", fetched.Metadata.FieldSources["outlet"]);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public void Atom_entries_with_html_and_xhtml_content_and_link_only_entries()
    {
        var reader = new FeedReader(new IngestOptions());
        var input = File("notes.atom", AtomFeed);
        Assert.True(reader.CanRead(input));
        var outcomes = reader.Read(input).ToList();
        Assert.Equal(3, outcomes.Count);
        var html = outcomes[0].Value;
        Assert.Equal(Paragraph, html.Text);
        Assert.Equal(["Jon Pike"], html.Metadata.Authors);
        Assert.Equal(new NodaTime.LocalDate(2024, 9, 10), html.Metadata.Published);
        Assert.Equal(new NodaTime.LocalDate(2024, 9, 11), html.Metadata.Modified);
        Assert.Equal("Hill Country Notes", html.Metadata.Outlet);
        Assert.Equal("en", html.Metadata.Language);
        var xhtml = outcomes[1].Value;
        Assert.Equal(Paragraph, xhtml.Text);
        Assert.Equal(["Feed Editor"], xhtml.Metadata.Authors);
        Assert.False(outcomes[2].Success);
        Assert.Contains("pass --fetch", outcomes[2].Problem);
    }

    [Fact]
    public void A_feed_url_is_recognised_by_its_content()
    {
        var reader = new FeedReader(new IngestOptions());
        Assert.True(reader.CanRead(File("https://riverside.example/feed", Rss)));
        Assert.False(reader.CanRead(File("page.html", "<html><body>rss</body></html>")));
    }

    [Fact]
    public void Malformed_feeds_are_reported()
    {
        var outcomes = new FeedReader(new IngestOptions()).Read(File("broken.rss", "<rss><channel><item><title>cut off")).ToList();
        Assert.False(Assert.Single(outcomes).Success);
        Assert.Contains("not a well-formed feed", outcomes[0].Problem);
    }

    public void Dispose() => _server.Dispose();
}
