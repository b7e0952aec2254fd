using Storyline.Documents;

namespace Storyline.Ingest;

/// <summary>
/// One input as bytes, before any decoding: a file, a stdin stream, or a fetched URL. Readers decide how to
/// decode (text files must be UTF-8; HTML readers sniff the charset).
/// </summary>
/// <param name="Source">The path or URL as the user gave it; <c>-</c> for stdin.</param>
public sealed record InputFile(string Source, byte[] Bytes)
{
    public string Extension => System.IO.Path.GetExtension(Source.Split('?', '#')[0]).ToLowerInvariant();

    /// <summary>The file name without a trailing <c>.gz</c>, so readers can match <c>page.html.gz</c> as HTML.</summary>
    public string InnerExtension =>
        Extension == ".gz" ? System.IO.Path.GetExtension(System.IO.Path.GetFileNameWithoutExtension(Source)).ToLowerInvariant() : Extension;
}

/// <summary>
/// Turns one input into documents. A reader may yield several (JSONL lines, feed entries) and reports
/// each bad one as a failed <see cref="Outcome{T}"/> naming what was wrong, without stopping the rest.
/// </summary>
public interface IDocumentReader
{
    /// <summary>The format name recorded on each document: <c>text</c>, <c>jsonl</c>, <c>html</c>, <c>feed</c>…</summary>
    string Format { get; }

    /// <summary>Whether this reader takes the input, judged by its name and, where names are silent, its first bytes.</summary>
    bool CanRead(InputFile input);

    IEnumerable<Outcome<RawDocument>> Read(InputFile input);
}

/// <summary>A problem with one input: the source it concerns and a message a user can act on.</summary>
public sealed record IngestProblem(string Source, string Message)
{
    public override string ToString() => $"{Source}: {Message}";
}

/// <summary>Fetches http(s) inputs. Only used when the user names a URL or asks for linked pages (<c>--fetch</c>).</summary>
public interface IRemoteFetcher
{
    Outcome<InputFile> Fetch(Uri url, CancellationToken cancellation = default);
}
