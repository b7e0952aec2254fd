using System.Text;
using Storyline.Ingest;
using Xunit;

namespace Storyline.Tests.Spine;

public sealed class IngestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("storyline-ingest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Bad_inputs_are_reported_by_name_and_the_rest_of_the_batch_is_read()
    {
        var good = Write("good.txt", "The bridge reopened on Monday after repairs.");
        var empty = Write("empty.txt", "");
        var blank = Write("blank.txt", "  \n\n ");
        var binary = Write("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A]);
        var latin1 = Write("latin1.txt", [0x43, 0x61, 0x66, 0xE9, 0x20, 0x6F, 0x70, 0x65, 0x6E]);
        var oversize = Write("huge.txt", new string('a', 2048));
        var missing = Path.Combine(_folder, "missing.txt");
        var second = Write("second.txt", "Another good article about the harbor.");

        var ingestor = Ingestor.CreateDefault(new IngestOptions { MaxBytes = 1024 });
        var results = ingestor.Read([good, empty, blank, binary, latin1, oversize, missing, second]).ToList();

        Assert.Equal(2, results.Count(r => r.Success));
        var problems = results.Where(r => !r.Success).Select(r => r.Problem!).ToList();
        Assert.Contains(problems, p => p.StartsWith(empty) && p.Contains("is empty"));
        Assert.Contains(problems, p => p.StartsWith(blank) && p.Contains("is empty"));
        Assert.Contains(problems, p => p.StartsWith(binary) && p.Contains("binary"));
        Assert.Contains(problems, p => p.StartsWith(latin1) && p.Contains("not valid UTF-8") && p.Contains("0xE9"));
        Assert.Contains(problems, p => p.StartsWith(oversize) && p.Contains("1,024-byte limit"));
        Assert.Contains(problems, p => p.StartsWith(missing) && p.Contains("no such file"));
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void The_date_header_is_parsed_and_removed_and_recorded()
    {
        var raw = PlainTextReader.Parse("a.txt", " date 2025-03-23 Storm hits the coast.\nMore text.");
        Assert.Equal("Storm hits the coast.\nMore text.", raw.Text);
        Assert.Equal(new NodaTime.LocalDate(2025, 3, 23), raw.Metadata.Published);
        Assert.Equal("header", raw.Metadata.FieldSources["published"]);
        var header = Assert.Single(raw.RemovedByReader);
        Assert.Equal((0, 17), (header.Start, header.End));
        Assert.Equal(17, raw.SourceOffset);
    }

    [Fact]
    public void Jsonl_lines_become_documents_and_a_bad_line_is_reported_with_its_number()
    {
        var path = Write("feed.jsonl",
            """
            {"id": "1", "url": "https://example.org/a", "source": "Example Post", "title": "A", "published": "2025-01-02T10:00:00Z", "text": "First body."}
            not json
            {"id": "3", "outlet": "Other", "text": ""}
            {"id": "4", "text": "Fourth body.", "published": "soon"}
            """);
        var results = Ingestor.CreateDefault().Read([path]).ToList();
        Assert.Equal(4, results.Count);
        var first = results[0].Value;
        Assert.Equal("https://example.org/a", first.Source);
        Assert.Equal("Example Post", first.Metadata.Outlet);
        Assert.Equal(new NodaTime.LocalDate(2025, 1, 2), first.Metadata.Published);
        Assert.Equal("jsonl:source", first.Metadata.FieldSources["outlet"]);
        Assert.Contains("line 2: not valid JSON", results[1].Problem);
        Assert.Contains("line 3: no 'text'", results[2].Problem);
        Assert.Null(results[3].Value.Metadata.Published);
        Assert.Equal("soon", results[3].Value.Metadata.PublishedRaw);
        Assert.EndsWith("feed.jsonl#L4", results[3].Value.Source);
    }

    [Fact]
    public void Stdin_is_read_when_the_path_is_a_dash()
    {
        var stdin = new MemoryStream(Encoding.UTF8.GetBytes("Piped article text about the vote."));
        var result = Assert.Single(Ingestor.CreateDefault().Read(["-"], () => stdin));
        Assert.Equal("-", result.Value.Source);
        Assert.Equal("Piped article text about the vote.", result.Value.Text);
    }

    [Fact]
    public void Folders_are_walked_in_a_stable_order_and_hidden_files_are_skipped()
    {
        Write("b.txt", "Second article body text.");
        Write("a.txt", "First article body text.");
        Write(".hidden.txt", "Not to be read.");
        var sources = Ingestor.CreateDefault().Read([_folder]).Select(r => Path.GetFileName(r.Value.Source)).ToList();
        Assert.Equal(["a.txt", "b.txt"], sources);
    }

    [Fact]
    public void A_url_without_a_fetcher_is_a_clear_problem()
    {
        var result = Assert.Single(Ingestor.CreateDefault().Read(["https://example.org/feed.xml"]));
        Assert.False(result.Success);
        Assert.Contains("https://example.org/feed.xml", result.Problem);
    }
}
