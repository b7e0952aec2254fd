using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Storyline.Documents;

namespace Storyline.Tests.Stories;

/// <summary>Builds articles for story tests from texts written for them.</summary>
internal static partial class StoryFixtures
{
    [GeneratedRegex(@"^\s*date (\d{4}-\d{2}-\d{2})\s*")]
    private static partial Regex DateHeader();

    public static Article Article(string id, string? title, string text, string? date = null, string? url = null)
    {
        var published = date is null
            ? PublicationDate.Unknown("not given")
            : new PublicationDate(LocalDatePattern.Iso.Parse(date).Value, DateBases.Header);
        var metadata = DocumentMetadata.Empty with { Url = url, Title = title };
        return new Article(id, id, title, text, published, new TextSpan(0, text.Length), [], metadata);
    }

    /// <summary>
    /// A spec file: an optional leading " date YYYY-MM-DD" header, then the title on the first line and the body
    /// after it. The article id is the file name.
    /// </summary>
    public static Article FromSpecFile(string path)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n");
        string? date = null;
        var header = DateHeader().Match(text);
        if (header.Success)
        {
            date = header.Groups[1].Value;
            text = text[header.Length..];
        }
        int newline = text.IndexOf('\n');
        var title = text[..newline].Trim();
        var body = text[(newline + 1)..].Trim();
        return Article(Path.GetFileName(path), title, body, date);
    }

    public static string SpecFolder(string name) => Path.Combine(AppContext.BaseDirectory, "Specs", "stories", name);

    public static List<Article> SpecArticles(string name) =>
        Directory.EnumerateFiles(SpecFolder(name), "*.txt")
            .Where(f => !Path.GetFileName(f).StartsWith("expected", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(FromSpecFile)
            .ToList();

    /// <summary>The expected partition: one set of article ids per non-comment line.</summary>
    public static HashSet<string> ExpectedPartition(string name) =>
        File.ReadAllLines(Path.Combine(SpecFolder(name), "expected-stories.txt"))
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => Canonical(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToHashSet();

    /// <summary>A partition written as one string per cluster (sorted ids), for set comparison.</summary>
    public static string Canonical(IEnumerable<string> ids) => string.Join(' ', ids.Order(StringComparer.Ordinal));

    public static HashSet<string> Partition(IEnumerable<Story> stories) =>
        stories.Select(s => Canonical(s.ArticleIds)).ToHashSet();
}
