using System.Text;
using Storyline.Documents;
using Storyline.Ingest;
using Storyline.Ingest.Html;
using Xunit;

namespace Storyline.Tests.Ingest;

/// <summary>Golden-file specs under Specs/html: page → body text, removed kinds and metadata with their sources.</summary>
public sealed class HtmlSpecTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Specs", "html");

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.html").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    private static RawDocument Read(string name)
    {
        var path = Path.Combine(Folder, name + ".html");
        var outcome = new HtmlReader(new IngestOptions()).ReadPage(new InputFile(path, File.ReadAllBytes(path)));
        Assert.True(outcome.Success, outcome.Problem);
        return outcome.Value;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Body_text_matches_the_spec(string name)
    {
        var expected = File.ReadAllText(Path.Combine(Folder, name + ".expected.txt")).Replace("\r\n", "\n").Trim();
        Assert.Equal(expected, Read(name).Text);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Removed_kinds_match_the_spec(string name)
    {
        var path = Path.Combine(Folder, name + ".removed.txt");
        if (!File.Exists(path)) return;
        var expected = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).Order().ToList();
        var document = Read(name);
        var actual = document.RemovedByReader.Select(r => r.Kind).Where(k => k != RemovalKinds.Other).Distinct().Order().ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Removed_parts_point_into_the_decoded_source(string name)
    {
        var html = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Folder, name + ".html")));
        foreach (var part in Read(name).RemovedByReader)
        {
            Assert.InRange(part.Start, 0, html.Length);
            Assert.InRange(part.End, part.Start, html.Length);
            // The recorded text is the visible text of that stretch of markup.
            var firstWord = part.Text.Split(' ')[0];
            Assert.Contains(firstWord, System.Net.WebUtility.HtmlDecode(html[part.Start..part.End]));
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Metadata_and_its_sources_match_the_spec(string name)
    {
        var path = Path.Combine(Folder, name + ".meta.txt");
        if (!File.Exists(path)) return;
        var metadata = Read(name).Metadata;
        foreach (var line in File.ReadAllLines(path).Where(l => l.Contains(':')))
        {
            int colon = line.IndexOf(':');
            var field = line[..colon].Trim();
            var rest = line[(colon + 1)..].Trim();
            int open = rest.LastIndexOf('(');
            var value = rest[..open].Trim();
            var source = rest[(open + 1)..^1];
            var actual = field switch
            {
                "title" => metadata.Title,
                "authors" => string.Join("; ", metadata.Authors),
                "published" => metadata.Published?.ToString("uuuu-MM-dd", null),
                "modified" => metadata.Modified?.ToString("uuuu-MM-dd", null),
                "outlet" => metadata.Outlet,
                "canonical" => metadata.CanonicalUrl,
                "language" => metadata.Language,
                _ => throw new InvalidOperationException($"unknown field {field} in {path}"),
            };
            Assert.True(value == actual, $"{name}: {field} expected '{value}', got '{actual}'");
            Assert.True(metadata.FieldSources.TryGetValue(field, out var actualSource) && actualSource == source,
                $"{name}: {field} expected from {source}, got {actualSource ?? "nowhere"}");
        }
    }
}
