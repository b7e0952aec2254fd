using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Storyline.Learning;

/// <summary>
/// What a stored model says about itself: its kind (<c>pos</c>, <c>ner</c>…), its version, how it was trained,
/// and free-form figures (for example the accuracy measured when it was saved).
/// </summary>
public sealed record ModelHeader(string Kind, int Version, string TrainedWith, string TrainedOn)
{
    public Dictionary<string, string> Notes { get; init; } = [];
}

/// <summary>
/// The on-disk format of every trained model: a magic string, a format number, a JSON header, then a
/// gzip-compressed payload written by the model itself. Models ship as embedded resources named
/// <c>models/&lt;name&gt;.stlm</c> and are loaded lazily on first use.
/// </summary>
public static class ModelFile
{
    private const string Magic = "STORYLINE-MODEL";
    private const int FormatVersion = 1;

    public static void Write(Stream stream, ModelHeader header, Action<BinaryWriter> writePayload)
    {
        using var outer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        outer.Write(Magic);
        outer.Write(FormatVersion);
        outer.Write(JsonSerializer.Serialize(header));
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var inner = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        writePayload(inner);
    }

    public static void Write(string path, ModelHeader header, Action<BinaryWriter> writePayload)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        Write(file, header, writePayload);
    }

    public static Outcome<T> Read<T>(Stream stream, string expectedKind, Func<BinaryReader, ModelHeader, T> readPayload)
    {
        using var outer = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (outer.ReadString() != Magic) return Outcome<T>.Fail("not a Storyline model file");
            int format = outer.ReadInt32();
            if (format != FormatVersion) return Outcome<T>.Fail($"model file format {format} is not supported (expected {FormatVersion})");
            var header = JsonSerializer.Deserialize<ModelHeader>(outer.ReadString())!;
            if (header.Kind != expectedKind) return Outcome<T>.Fail($"model is a '{header.Kind}' model, expected '{expectedKind}'");
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var inner = new BinaryReader(new BufferedStream(gzip, 1 << 16), Encoding.UTF8);
            return Outcome<T>.Ok(readPayload(inner, header));
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or JsonException or IOException)
        {
            return Outcome<T>.Fail($"model file is damaged: {e.Message}");
        }
    }

    public static Outcome<T> Read<T>(string path, string expectedKind, Func<BinaryReader, ModelHeader, T> readPayload)
    {
        if (!File.Exists(path)) return Outcome<T>.Fail($"model file not found: {path}");
        using var file = File.OpenRead(path);
        return Read(file, expectedKind, readPayload);
    }

    /// <summary>Loads a model shipped inside the Storyline assembly as <c>models/&lt;name&gt;.stlm</c>.</summary>
    public static Outcome<T> ReadEmbedded<T>(string name, string expectedKind, Func<BinaryReader, ModelHeader, T> readPayload)
    {
        using var stream = typeof(ModelFile).Assembly.GetManifestResourceStream($"models/{name}.stlm");
        if (stream is null) return Outcome<T>.Fail($"no model named '{name}' ships with this build; train it with 'storyline train {name}'");
        return Read(stream, expectedKind, readPayload);
    }

    /// <summary>Where models live in a source checkout (for training commands that write them).</summary>
    public static string? RepositoryModelsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Storyline.slnx")))
                return Path.Combine(dir.FullName, "models");
        return null;
    }
}

/// <summary>Reads text resources (rule tables, gazetteers) that ship inside the assembly from <c>src/Storyline/Resources</c>.</summary>
public static class EmbeddedData
{
    public static string ReadText(string relativePath)
    {
        var name = relativePath.Replace('\\', '/');
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"embedded resource '{name}' is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Non-empty lines, with <c>#</c> comments and surrounding white space removed.</summary>
    public static IEnumerable<string> ReadLines(string relativePath) =>
        ReadText(relativePath).Split('\n')
            .Select(l => { int hash = l.IndexOf(" #", StringComparison.Ordinal); return (l.StartsWith('#') ? "" : hash >= 0 ? l[..hash] : l).Trim(); })
            .Where(l => l.Length > 0);
}
