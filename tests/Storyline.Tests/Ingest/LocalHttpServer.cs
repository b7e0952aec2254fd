using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Storyline.Tests.Ingest;

/// <summary>A tiny HTTP/1.1 server on 127.0.0.1 for fetcher and feed tests; never the internet.</summary>
public sealed class LocalHttpServer : IDisposable
{
    public sealed record Response(int Status, byte[] Body, string ContentType = "text/html; charset=utf-8")
    {
        public TimeSpan Delay { get; init; }
        public string? ContentEncoding { get; init; }
        public static Response Html(string html) => new(200, Encoding.UTF8.GetBytes(html));
        public static Response Xml(string xml) => new(200, Encoding.UTF8.GetBytes(xml), "application/rss+xml");
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<string, Response> _routes = new();
    private readonly CancellationTokenSource _stop = new();

    public ConcurrentQueue<(string Path, string UserAgent, DateTime At)> Requests { get; } = new();

    public LocalHttpServer()
    {
        _listener.Start();
        _ = Task.Run(AcceptLoop);
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");

    public void Route(string path, Response response) => _routes[path] = response;

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
            var requestLine = await reader.ReadLineAsync() ?? "";
            string userAgent = "";
            string? line;
            while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
                if (line.StartsWith("User-Agent:", StringComparison.OrdinalIgnoreCase)) userAgent = line[11..].Trim();
            var path = requestLine.Split(' ').ElementAtOrDefault(1) ?? "/";
            Requests.Enqueue((path, userAgent, DateTime.UtcNow));
            var response = _routes.GetValueOrDefault(path) ?? new Response(404, Encoding.UTF8.GetBytes("not found"), "text/plain");
            if (response.Delay > TimeSpan.Zero) await Task.Delay(response.Delay, _stop.Token);
            var head = new StringBuilder()
                .Append($"HTTP/1.1 {response.Status} {(response.Status == 200 ? "OK" : "Not Found")}\r\n")
                .Append($"Content-Type: {response.ContentType}\r\n")
                .Append($"Content-Length: {response.Body.Length}\r\n")
                .Append(response.ContentEncoding is null ? "" : $"Content-Encoding: {response.ContentEncoding}\r\n")
                .Append("Connection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
            await stream.WriteAsync(response.Body);
        }
        catch (Exception)
        {
            // A client that gave up (timeout tests) is not the server's problem.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
