using System.Diagnostics;
using System.Net;
using Storyline.Ingest.Html;

namespace Storyline.Ingest.Http;

/// <summary>How <see cref="HttpFetcher"/> behaves towards the sites it visits.</summary>
public sealed record HttpFetcherOptions
{
    public const string DefaultUserAgent = "Storyline/0.1 (+https://github.com/storyline)";

    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>The whole request, headers and body, must finish within this time.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Bodies larger than this (after gzip decompression) are refused.</summary>
    public long MaxBytes { get; init; } = IngestOptions.DefaultMaxBytes;

    /// <summary>At least this long between two requests to the same host: one request a second by default, to be polite.</summary>
    public TimeSpan MinimumIntervalPerHost { get; init; } = TimeSpan.FromSeconds(1);

    public int MaxRedirects { get; init; } = 5;
}

/// <summary>
/// Fetches http(s) pages and feeds for ingest, politely: a User-Agent that names the project, a per-host rate limit,
/// a timeout, and a size cap that also applies to the gzip-decompressed body (against gzip bombs).
/// Every failure is an <see cref="Outcome{T}"/> naming the URL; nothing throws for network trouble.
/// </summary>
public sealed class HttpFetcher : IRemoteFetcher, IDisposable
{
    private readonly HttpFetcherOptions _options;
    private readonly HttpClient _client;
    private readonly Dictionary<string, long> _nextAllowedTick = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _rateLock = new();

    public HttpFetcher(HttpFetcherOptions? options = null)
    {
        _options = options ?? new HttpFetcherOptions();
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None, // decompressed here, under the size cap
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = _options.MaxRedirects,
            ConnectTimeout = _options.Timeout,
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public HttpFetcherOptions Options => _options;

    public Outcome<InputFile> Fetch(Uri url, CancellationToken cancellation = default) =>
        FetchAsync(url, cancellation).GetAwaiter().GetResult();

    public async Task<Outcome<InputFile>> FetchAsync(Uri url, CancellationToken cancellation = default)
    {
        if (url.Scheme is not ("http" or "https")) return Outcome<InputFile>.Fail($"{url}: only http and https URLs can be fetched");
        await WaitForTurnAsync(url.Host, cancellation).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5");
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                return Outcome<InputFile>.Fail($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            if (response.Content.Headers.ContentLength is { } length && length > _options.MaxBytes)
                return Outcome<InputFile>.Fail($"{url}: response is {length:N0} bytes, over the {_options.MaxBytes:N0}-byte limit");
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var body = await ReadCappedAsync(stream, timeout.Token).ConfigureAwait(false);
            if (body is null) return Outcome<InputFile>.Fail($"{url}: response exceeds the {_options.MaxBytes:N0}-byte limit");
            if (response.Content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase) || PageDecoder.IsGzip(body))
            {
                var unzipped = PageDecoder.Gunzip(body, _options.MaxBytes);
                if (!unzipped.Success) return Outcome<InputFile>.Fail($"{url}: {unzipped.Problem}");
                body = unzipped.Value;
            }
            return Outcome<InputFile>.Ok(new InputFile(url.ToString(), body));
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return Outcome<InputFile>.Fail($"{url}: timed out after {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return Outcome<InputFile>.Fail($"{url}: {e.Message}");
        }
    }

    private async Task<byte[]?> ReadCappedAsync(Stream stream, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellation).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Reserves the next slot for a host and waits for it, so concurrent callers queue instead of bursting.</summary>
    private async Task WaitForTurnAsync(string host, CancellationToken cancellation)
    {
        long wait;
        lock (_rateLock)
        {
            long now = Stopwatch.GetTimestamp();
            long next = _nextAllowedTick.GetValueOrDefault(host, now);
            long slot = Math.Max(now, next);
            _nextAllowedTick[host] = slot + (long)(_options.MinimumIntervalPerHost.TotalSeconds * Stopwatch.Frequency);
            wait = slot - now;
        }
        if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellation).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();
}
