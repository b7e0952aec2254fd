using System.Text;
using Storyline.Ingest;
using Xunit;

namespace Storyline.Tests.Ingest;

/// <summary>HTML pages, gzipped pages and feeds through the default ingestor, beside text files.</summary>
public sealed class HtmlIngestTests : IDisposable
{
    private const string Article = "<article><p>The museum reopened its east wing on Saturday after a two-year restoration that uncovered painted ceilings hidden under plaster since the last century.</p><p>Visitors queued around the block, and the curators said the wing would stay open late on Fridays.</p></article>";

    private readonly string _folder = Directory.CreateTempSubdirectory("storyline-html-").FullName;

    [Fact]
    public void A_folder_of_pages_feeds_and_text_is_read_and_bad_pages_are_reported()
    {
        var page = $"<!DOCTYPE html><html><head><title>Museum wing reopens</title><meta property=\"article:published_time\" content=\"2024-04-06\"></head><body>{Article}</body></html>";
        File.WriteAllText(Path.Combine(_folder, "a-page.html"), page);
        File.WriteAllBytes(Path.Combine(_folder, "b-page.html.gz"), HttpFetcherTests.Gzip(Encoding.UTF8.GetBytes(page.Replace("east wing", "west wing"))));
        File.WriteAllText(Path.Combine(_folder, "c-feed.rss"), """
            <rss version="2.0"><channel><title>Museum News</title>
            <item><title>Only a link</title><link>https://museum.example/news/1</link></item>
            </channel></rss>
            """);
        File.WriteAllText(Path.Combine(_folder, "d-empty-page.html"), "<html><body><nav><a href='/'>Home</a></nav></body></html>");
        File.WriteAllText(Path.Combine(_folder, "e-notes.txt"), "A plain text article about the museum, written by hand.");

        var outcomes = Ingestor.CreateDefault().Read([_folder]).ToList();

        var documents = outcomes.Where(o => o.Success).Select(o => o.Value).ToList();
        Assert.Equal(["html", "html", "text"], documents.Select(d => d.Format));
        Assert.Contains("east wing", documents[0].Text);
        Assert.Contains("west wing", documents[1].Text);
        Assert.Equal("Museum wing reopens", documents[0].Metadata.Title);
        Assert.Equal("opengraph", documents[0].Metadata.FieldSources["published"]);

        var problems = outcomes.Where(o => !o.Success).Select(o => o.Problem!).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("c-feed.rss: entry 1") && p.Contains("pass --fetch"));
        Assert.Contains(problems, p => p.Contains("d-empty-page.html: no article found"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
