using System.Text;
using Storyline.Cleaning;
using Storyline.Documents;
using Storyline.Ingest;
using Storyline.Ingest.Html;
using Xunit;

namespace Storyline.Tests.Ingest;

/// <summary>Charset detection, bad input and the hand-over to the text cleaner.</summary>
public sealed class HtmlReaderTests
{
    private const string Body = "<p>The caf\u00e9 on the corner reopened this week after a long renovation, and its owner said the new terrace would stay open until late in the evening all summer long.</p>";

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static Outcome<RawDocument> Read(byte[] bytes, string name = "page.html", IngestOptions? options = null) =>
        new HtmlReader(options ?? new IngestOptions()).ReadPage(new InputFile(name, bytes));

    private static string Page(string head, string body = Body) => $"<!DOCTYPE html><html><head>{head}<title>T</title></head><body><article>{body}</article></body></html>";

    [Theory]
    [InlineData("<meta charset=\"utf-8\">", "utf-8", "meta charset")]
    [InlineData("", "utf-8", "utf-8 bytes")]
    [InlineData("<meta charset=\"iso-8859-1\">", "utf-8", "declared iso-8859-1 is wrong")]
    public void Utf8_bytes_are_read_as_utf8_whatever_the_declaration(string head, string encoding, string basis)
    {
        var document = Read(Encoding.UTF8.GetBytes(Page(head))).Value;
        Assert.Contains("caf\u00e9", document.Text);
        Assert.Contains(encoding, document.Metadata.FieldSources["encoding"]);
        Assert.Contains(basis, document.Metadata.FieldSources["encoding"]);
    }

    [Theory]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">")]
    [InlineData("<meta charset=\"windows-1252\">")]
    [InlineData("")]
    [InlineData("<meta charset=\"utf-8\">")]
    public void Single_byte_pages_are_read_as_windows_1252(string head)
    {
        var bytes = Windows1252.GetBytes(Page(head, Body.Replace("reopened", "reopened \u2014 at last \u2014")));
        var document = Read(bytes).Value;
        Assert.Contains("caf\u00e9", document.Text);
        Assert.Contains("\u2014 at last \u2014", document.Text); // 0x97 is an em dash in Windows-1252, a control character in ISO-8859-1
        Assert.Contains("windows-1252", document.Metadata.FieldSources["encoding"]);
    }

    [Fact]
    public void A_byte_order_mark_decides_the_encoding()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Page(""))).ToArray();
        Assert.Contains("caf\u00e9", Read(bytes).Value.Text);
    }

    [Fact]
    public void Truncated_html_still_yields_the_text_that_arrived()
    {
        var page = Page("") + "";
        var cut = page[..(page.IndexOf("long.</p>", StringComparison.Ordinal) + 4)] + "<div class=\"x"; // cut inside a tag
        var document = Read(Encoding.UTF8.GetBytes(cut)).Value;
        Assert.StartsWith("The caf\u00e9 on the corner", document.Text);
    }

    [Fact]
    public void Malformed_html_with_unclosed_and_stray_tags_is_read()
    {
        var page = "<html><body><div><p>First paragraph of a story that has unclosed tags, written here to be long enough for the extractor to take it.<p>Second paragraph, also unclosed, with a stray end tag that matches nothing.</span></b><p>Third paragraph ends the story with a final sentence.</div></table></body>";
        var text = Read(Encoding.UTF8.GetBytes(page)).Value.Text;
        Assert.Equal(3, text.Split("\n\n").Length);
        Assert.EndsWith("final sentence.", text);
    }

    [Fact]
    public void A_page_without_an_article_is_a_failure_not_an_empty_document()
    {
        var page = "<html><head><title>Index</title></head><body><nav><a href='/a'>Home</a> <a href='/b'>News</a></nav><div class='tiles'><a href='/c'>Sport</a> <a href='/d'>Weather</a></div></body></html>";
        var outcome = Read(Encoding.UTF8.GetBytes(page));
        Assert.False(outcome.Success);
        Assert.Contains("no article found", outcome.Problem);
    }

    [Fact]
    public void Pages_over_the_size_cap_are_refused()
    {
        var outcome = Read(Encoding.UTF8.GetBytes(Page("", string.Concat(Enumerable.Repeat(Body, 100)))), options: new IngestOptions { MaxBytes = 2000 });
        Assert.False(outcome.Success);
        Assert.Contains("limit", outcome.Problem);
    }

    [Fact]
    public void Deeply_nested_markup_neither_crashes_nor_loses_the_text()
    {
        var page = "<html><body>" + string.Concat(Enumerable.Repeat("<div><span>", 20_000)) + Body + "</body></html>";
        var outcome = Read(Encoding.UTF8.GetBytes(page));
        Assert.True(outcome.Success, outcome.Problem);
        Assert.Contains("caf\u00e9 on the corner", outcome.Value.Text);
    }

    [Fact]
    public void Gzipped_pages_are_read_and_gzip_bombs_refused()
    {
        var page = HttpFetcherTests.Gzip(Encoding.UTF8.GetBytes(Page("")));
        var reader = new HtmlReader(new IngestOptions());
        var input = new InputFile("saved/page.html.gz", page);
        Assert.True(reader.CanRead(input));
        Assert.Contains("caf\u00e9", reader.ReadPage(input).Value.Text);

        var bomb = HttpFetcherTests.Gzip(new byte[30_000_000]);
        var outcome = Read(bomb, "bomb.html.gz", new IngestOptions { MaxBytes = 1_000_000 });
        Assert.False(outcome.Success);
        Assert.Contains("gzip bomb", outcome.Problem);
    }

    [Fact]
    public void Binary_and_empty_files_are_reported()
    {
        Assert.Contains("binary", Read([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]).Problem);
        Assert.Contains("empty", Read([]).Problem);
    }

    [Fact]
    public void A_bad_page_does_not_stop_the_batch()
    {
        var catalog = new ReaderCatalog().UseHtml();
        var inputs = new[]
        {
            new InputFile("good.html", Encoding.UTF8.GetBytes(Page(""))),
            new InputFile("empty.html", Encoding.UTF8.GetBytes("<html><body></body></html>")),
            new InputFile("also-good.htm", Encoding.UTF8.GetBytes(Page(""))),
        };
        var outcomes = inputs.SelectMany(i => catalog.ReaderFor(i)!.Read(i)).ToList();
        Assert.Equal([true, false, true], outcomes.Select(o => o.Success));
    }

    [Fact]
    public void Nameless_inputs_are_recognised_by_their_first_bytes()
    {
        var reader = new HtmlReader(new IngestOptions());
        Assert.True(reader.CanRead(new InputFile("https://news.example/story", Encoding.UTF8.GetBytes("  <!DOCTYPE html><html></html>"))));
        Assert.False(reader.CanRead(new InputFile("notes.txt", Encoding.UTF8.GetBytes("<html>"))));
        Assert.False(reader.CanRead(new InputFile("https://news.example/feed", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><rss></rss>"))));
    }

    [Fact]
    public void Caption_lines_inside_the_body_are_left_to_the_text_cleaner()
    {
        // The HTML reader keeps a caption written as a plain paragraph; the shared text cleaner removes it, so the
        // caption rules exist once.
        var body = Body + "<p>A worker paints the terrace railings. (AP Photo/Jane Doe)</p><p>The owner said prices would not change this year, despite the cost of the works.</p>";
        var raw = Read(Encoding.UTF8.GetBytes(Page("", body))).Value;
        Assert.Contains("(AP Photo/Jane Doe)", raw.Text);
        var cleaned = new TextCleaner().Clean(raw.Text);
        Assert.DoesNotContain("AP Photo", cleaned.Text);
        Assert.Contains("prices would not change", cleaned.Text);
    }
}
