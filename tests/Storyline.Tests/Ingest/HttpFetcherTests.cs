using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Storyline.Ingest.Http;
using Xunit;

namespace Storyline.Tests.Ingest;

public sealed class HttpFetcherTests : IDisposable
{
    private readonly LocalHttpServer _server = new();

    private static HttpFetcherOptions Fast => new() { MinimumIntervalPerHost = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public void Fetches_a_page_and_names_the_project_in_the_user_agent()
    {
        _server.Route("/page", LocalHttpServer.Response.Html("<html><body><p>hello</p></body></html>"));
        using var fetcher = new HttpFetcher(Fast);
        var outcome = fetcher.Fetch(_server.Url("/page"));
        Assert.True(outcome.Success, outcome.Problem);
        Assert.Contains("hello", Encoding.UTF8.GetString(outcome.Value.Bytes));
        Assert.Equal(_server.Url("/page").ToString(), outcome.Value.Source);
        Assert.Equal(HttpFetcherOptions.DefaultUserAgent, _server.Requests.Single().UserAgent);
    }

    [Fact]
    public void Waits_between_requests_to_the_same_host()
    {
        _server.Route("/a", LocalHttpServer.Response.Html("a"));
        using var fetcher = new HttpFetcher(Fast with { MinimumIntervalPerHost = TimeSpan.FromMilliseconds(400) });
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 3; i++) Assert.True(fetcher.Fetch(_server.Url("/a")).Success);
        // Three requests need two full intervals between them.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(780), $"took only {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_slow_server_times_out_with_a_clear_message()
    {
        _server.Route("/slow", LocalHttpServer.Response.Html("late") with { Delay = TimeSpan.FromSeconds(3) });
        using var fetcher = new HttpFetcher(Fast with { Timeout = TimeSpan.FromMilliseconds(300) });
        var outcome = fetcher.Fetch(_server.Url("/slow"));
        Assert.False(outcome.Success);
        Assert.Contains("timed out", outcome.Problem);
    }

    [Fact]
    public void A_body_over_the_size_cap_is_refused()
    {
        _server.Route("/big", new LocalHttpServer.Response(200, new byte[5000]));
        using var fetcher = new HttpFetcher(Fast with { MaxBytes = 1000 });
        var outcome = fetcher.Fetch(_server.Url("/big"));
        Assert.False(outcome.Success);
        Assert.Contains("limit", outcome.Problem);
    }

    [Fact]
    public void Gzip_bodies_are_decompressed_and_gzip_bombs_refused()
    {
        _server.Route("/small.gz", new LocalHttpServer.Response(200, Gzip(Encoding.UTF8.GetBytes("<p>compressed page</p>"))) { ContentEncoding = "gzip" });
        _server.Route("/bomb.gz", new LocalHttpServer.Response(200, Gzip(new byte[20_000_000])) { ContentEncoding = "gzip" });
        using var fetcher = new HttpFetcher(Fast with { MaxBytes = 1_000_000 });
        var small = fetcher.Fetch(_server.Url("/small.gz"));
        Assert.True(small.Success, small.Problem);
        Assert.Equal("<p>compressed page</p>", Encoding.UTF8.GetString(small.Value.Bytes));
        var bomb = fetcher.Fetch(_server.Url("/bomb.gz"));
        Assert.False(bomb.Success);
        Assert.Contains("gzip bomb", bomb.Problem);
    }

    [Fact]
    public void Http_errors_are_reported_with_the_status()
    {
        using var fetcher = new HttpFetcher(Fast);
        var outcome = fetcher.Fetch(_server.Url("/missing"));
        Assert.False(outcome.Success);
        Assert.Contains("404", outcome.Problem);
    }

    internal static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }

    public void Dispose() => _server.Dispose();
}
