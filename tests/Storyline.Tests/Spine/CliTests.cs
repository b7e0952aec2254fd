using System.Diagnostics;
using Xunit;

namespace Storyline.Tests.Spine;

/// <summary>Runs the real CLI as a process: exit codes, stdout/stderr separation, and --help everywhere.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("storyline-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static (int Exit, string Out, string Err) Run(string workingDirectory, params string[] args) =>
        RunIn(new Dictionary<string, string?> { ["NO_COLOR"] = "1" }, workingDirectory, args);

    /// <summary>Runs the CLI with some environment variables set (null removes one), its three streams redirected.</summary>
    internal static (int Exit, string Out, string Err) RunIn(IReadOnlyDictionary<string, string?> environment, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "storyline.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "the CLI did not finish in time");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Help_works_for_every_command()
    {
        foreach (var command in new[] { "", "analyze", "stories", "show", "quotes", "timeline", "export", "eval", "train" })
        {
            var args = command.Length == 0 ? new[] { "--help" } : [command, "--help"];
            var (exit, output, _) = Run(_folder, args);
            Assert.Equal(0, exit);
            Assert.Contains("Usage:", output);
        }
    }

    [Fact]
    public void Analyze_then_list_show_and_export_with_conventional_exit_codes()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "samples", "news");
        var (exit, output, _) = Run(_folder, "analyze", samples, "--json");
        Assert.Equal(0, exit);
        Assert.Contains("\"articles_added\"", output);
        Assert.True(File.Exists(Path.Combine(_folder, "storyline.db")), "the default database is ./storyline.db");

        (exit, output, _) = Run(_folder, "export", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("\"articles\"", output);

        // Quotes grouped by speaker: named speakers first, then sources that name no entity, by their own words.
        (exit, output, _) = Run(_folder, "stories", "--json");
        Assert.Equal(0, exit);
        var harbor = System.Text.Json.Nodes.JsonNode.Parse(output)!.AsArray()
            .First(s => s!["title"]!.GetValue<string>().Contains("Rotterdam", StringComparison.Ordinal))!["id"]!.GetValue<string>();
        (exit, output, _) = Run(_folder, "quotes", harbor);
        Assert.Equal(0, exit);
        int named = output.IndexOf("Marijke de Vries", StringComparison.Ordinal), unnamed = output.IndexOf("port authority (not resolved to a named entity)", StringComparison.Ordinal);
        Assert.True(named >= 0 && unnamed > named, output);

        (exit, _, var err) = Run(_folder, "show", "no-such-story");
        Assert.Equal(66, exit);
        Assert.Contains("no story", err);

        (exit, _, err) = Run(_folder, "export", "--format", "xml");
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public void Output_to_a_pipe_has_no_colour_codes_even_on_a_colour_terminal()
    {
        var colourTerminal = new Dictionary<string, string?> { ["NO_COLOR"] = null, ["TERM"] = "xterm-256color", ["COLORTERM"] = "truecolor" };
        File.WriteAllText(Path.Combine(_folder, "ferry.txt"),
            "The ferry service resumed on Monday after the storm, the harbour master said. \"We are open again,\" she said.");
        var (exit, _, err) = RunIn(colourTerminal, _folder, "analyze", "ferry.txt", "--db", "c.db");
        Assert.True(exit == 0, err);
        Assert.DoesNotContain('\u001b', err);

        (exit, var output, err) = RunIn(colourTerminal, _folder, "stories", "--db", "c.db");
        Assert.True(exit == 0, err);
        Assert.Contains("ferry service", output);
        Assert.DoesNotContain('\u001b', output);

        var story = Run(_folder, "stories", "--db", "c.db", "--json").Out;
        var id = System.Text.Json.Nodes.JsonNode.Parse(story)!.AsArray()[0]!["id"]!.GetValue<string>();
        (exit, output, err) = RunIn(colourTerminal, _folder, "quotes", id, "--db", "c.db");
        Assert.True(exit == 0, err);
        Assert.Contains("We are open again", output);
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public void A_bad_input_is_skipped_with_exit_code_1_and_a_missing_database_is_exit_66()
    {
        File.WriteAllBytes(Path.Combine(_folder, "bad.txt"), [0xFF, 0xFE, 0x00, 0x41]);
        File.WriteAllText(Path.Combine(_folder, "good.txt"), "The ferry service resumed on Monday after the storm.");
        var (exit, _, err) = Run(_folder, "analyze", Path.Combine(_folder, "bad.txt"), Path.Combine(_folder, "good.txt"), "--db", Path.Combine(_folder, "x.db"));
        Assert.Equal(1, exit);
        Assert.Contains("bad.txt", err);

        (exit, _, err) = Run(_folder, "stories", "--db", Path.Combine(_folder, "missing.db"));
        Assert.Equal(66, exit);
        Assert.Contains("no database", err);

        (exit, _, _) = Run(_folder, "analyze", Path.Combine(_folder, "nothing-here.txt"), "--db", Path.Combine(_folder, "y.db"));
        Assert.Equal(66, exit);
    }
}

/// <summary>The analyze command against a feed served on 127.0.0.1: link-only entries are fetched only with --fetch.</summary>
public sealed class CliFetchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("storyline-cli-fetch-").FullName;
    private readonly Ingest.LocalHttpServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_feed_url_is_analyzed_and_linked_pages_are_fetched_only_when_asked()
    {
        var page = "<html><head><title>Harbor reopens</title></head><body><article><h1>Harbor reopens after storm</h1>" +
                   string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>Paragraph {i}: the harbor authority said on Tuesday that ferries would run again after crews cleared debris from the channel and inspected the piers.</p>")) +
                   "</article></body></html>";
        _server.Route("/story.html", Ingest.LocalHttpServer.Response.Html(page));
        var feed = $"""<?xml version="1.0"?><rss version="2.0"><channel><title>Test Feed</title><link>{_server.Url("/")}</link><description>t</description><item><title>Harbor reopens after storm</title><link>{_server.Url("/story.html")}</link><pubDate>Tue, 10 Jun 2025 09:00:00 GMT</pubDate></item></channel></rss>""";
        _server.Route("/feed.xml", Ingest.LocalHttpServer.Response.Xml(feed));

        var (exit, _, err) = CliTests.Run(_folder, "analyze", _server.Url("/feed.xml").ToString(), "--db", "a.db");
        Assert.Equal(66, exit);
        Assert.True(err.Contains("--fetch"), err);

        (exit, var output, err) = CliTests.Run(_folder, "analyze", _server.Url("/feed.xml").ToString(), "--db", "b.db", "--fetch", "--json");
        Assert.True(exit == 0, err);
        Assert.Contains("\"articles_added\": 1", output);
    }
}
