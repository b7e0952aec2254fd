using Storyline.Ingest.Feeds;
using Storyline.Ingest.Html;

namespace Storyline.Ingest;

/// <summary>How ingest behaves. The defaults work with no configuration.</summary>
public sealed record IngestOptions
{
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    /// <summary>Inputs larger than this are reported and skipped.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Whether feed entries that carry only a link have the linked page fetched.</summary>
    public bool FetchLinkedPages { get; init; }

    /// <summary>Used for http(s) inputs and, with <see cref="FetchLinkedPages"/>, for linked pages; null means no network.</summary>
    public IRemoteFetcher? Fetcher { get; init; }
}

/// <summary>
/// The readers ingest tries, in order; the first whose <see cref="IDocumentReader.CanRead"/> accepts an input reads it.
/// Each format registers itself here with a <c>UseX()</c> extension on <see cref="ReaderCatalog"/>.
/// </summary>
public sealed class ReaderCatalog
{
    private readonly List<IDocumentReader> _readers = [];

    public IReadOnlyList<IDocumentReader> Readers => _readers;

    public ReaderCatalog Use(IDocumentReader reader)
    {
        _readers.Add(reader);
        return this;
    }

    public IDocumentReader? ReaderFor(InputFile input) => _readers.FirstOrDefault(r => r.CanRead(input));

    /// <summary>Every built-in format. Specific formats come first; plain text takes what is left.</summary>
    public static ReaderCatalog CreateDefault(IngestOptions options) =>
        new ReaderCatalog()
            .Use(new JsonlReader())
            .UseFeeds(options)
            .UseHtml(options)
            .Use(new PlainTextReader());
}
