using Storyline.Documents;

namespace Storyline.Ingest;

/// <summary>
/// Turns what the user named (files, folders, <c>-</c> for stdin, http(s) URLs) into raw documents.
/// Every bad input is reported as an <see cref="IngestProblem"/> naming it, and the rest of the batch goes on.
/// </summary>
public sealed class Ingestor(ReaderCatalog readers, IngestOptions options)
{
    public IngestOptions Options { get; } = options;

    /// <summary>A reader catalog with every built-in format.</summary>
    public static Ingestor CreateDefault(IngestOptions? options = null)
    {
        options ??= new IngestOptions();
        return new Ingestor(ReaderCatalog.CreateDefault(options), options);
    }

    /// <summary>The input files behind the given paths, in a stable order (folders are walked, sorted by path).</summary>
    public IEnumerable<Outcome<InputFile>> Open(IEnumerable<string> paths, Func<Stream>? stdin = null)
    {
        foreach (var path in paths)
        {
            if (path == "-")
            {
                yield return ReadStream("-", stdin?.Invoke() ?? Console.OpenStandardInput());
            }
            else if (Uri.TryCreate(path, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                yield return Options.Fetcher is null
                    ? Outcome<InputFile>.Fail($"{path}: fetching URLs is not available in this build")
                    : Named(path, Options.Fetcher.Fetch(uri));
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !IsHidden(Path.GetRelativePath(path, f)))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files) yield return ReadFile(file);
            }
            else if (File.Exists(path))
            {
                yield return ReadFile(path);
            }
            else
            {
                yield return Outcome<InputFile>.Fail($"{path}: no such file or folder");
            }
        }
    }

    /// <summary>Reads every input and yields each document or problem as it goes.</summary>
    public IEnumerable<Outcome<RawDocument>> Read(IEnumerable<string> paths, Func<Stream>? stdin = null)
    {
        foreach (var opened in Open(paths, stdin))
        {
            if (!opened.TryGetValue(out var input))
            {
                yield return Outcome<RawDocument>.Fail(opened.Problem!);
                continue;
            }
            foreach (var document in Read(input)) yield return document;
        }
    }

    public IEnumerable<Outcome<RawDocument>> Read(InputFile input)
    {
        if (input.Bytes.Length == 0)
        {
            yield return Outcome<RawDocument>.Fail($"{input.Source}: is empty");
            yield break;
        }
        var reader = readers.ReaderFor(input);
        if (reader is null)
        {
            yield return Outcome<RawDocument>.Fail($"{input.Source}: unsupported format '{input.Extension}' (known: {string.Join(", ", readers.Readers.Select(r => r.Format))})");
            yield break;
        }
        foreach (var outcome in reader.Read(input))
            yield return outcome.Success ? outcome : Outcome<RawDocument>.Fail($"{input.Source}: {outcome.Problem}");
    }

    private Outcome<InputFile> ReadFile(string path)
    {
        try
        {
            var length = new FileInfo(path).Length;
            if (length > Options.MaxBytes)
                return Outcome<InputFile>.Fail($"{path}: is {length:N0} bytes, over the {Options.MaxBytes:N0}-byte limit (raise it with --max-bytes)");
            return Outcome<InputFile>.Ok(new InputFile(path, File.ReadAllBytes(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Outcome<InputFile>.Fail($"{path}: cannot be read ({e.Message})");
        }
    }

    private Outcome<InputFile> ReadStream(string name, Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > Options.MaxBytes)
                return Outcome<InputFile>.Fail($"{name}: input is over the {Options.MaxBytes:N0}-byte limit (raise it with --max-bytes)");
        }
        return Outcome<InputFile>.Ok(new InputFile(name, buffer.ToArray()));
    }

    private static Outcome<InputFile> Named(string path, Outcome<InputFile> fetched) =>
        fetched.Success ? fetched : Outcome<InputFile>.Fail($"{path}: {fetched.Problem}");

    private static bool IsHidden(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'));
}
