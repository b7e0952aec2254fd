using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Storyline.Ingest.Html;

/// <summary>A page's bytes turned into text, with the encoding chosen and why.</summary>
public sealed record DecodedPage(string Html, Encoding Encoding, string EncodingBasis);

/// <summary>
/// Turns page bytes into text: gunzips (with a cap on the decompressed size, against gzip bombs), then picks
/// the encoding from, in order, a byte-order mark, the bytes themselves when they prove to be UTF-8, the
/// declared charset, and Windows-1252 as the last resort (what browsers do for ISO-8859-1 and undeclared pages).
/// </summary>
public static partial class PageDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Encoding Windows1252 = LoadWindows1252();

    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    /// <summary>Gunzips when the bytes are gzip, refusing output larger than <paramref name="maxBytes"/>.</summary>
    public static Outcome<byte[]> Gunzip(byte[] bytes, long maxBytes)
    {
        if (!IsGzip(bytes)) return Outcome<byte[]>.Ok(bytes);
        try
        {
            using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                    return Outcome<byte[]>.Fail($"decompressed size exceeds the {maxBytes:N0}-byte limit (a gzip bomb or an oversize page); skipped");
                output.Write(buffer, 0, read);
            }
            return Outcome<byte[]>.Ok(output.ToArray());
        }
        catch (InvalidDataException e)
        {
            return Outcome<byte[]>.Fail($"corrupt gzip data ({e.Message})");
        }
    }

    public static DecodedPage Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new(Encoding.UTF8.GetString(bytes[3..]), Encoding.UTF8, "bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new(Encoding.Unicode.GetString(bytes[2..]), Encoding.Unicode, "bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new(Encoding.BigEndianUnicode.GetString(bytes[2..]), Encoding.BigEndianUnicode, "bom");

        var declared = DeclaredCharset(bytes);
        bool validUtf8 = System.Text.Unicode.Utf8.IsValid(bytes);
        bool hasNonAscii = bytes.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) >= 0;
        if (validUtf8 && (declared is null || IsUtf8Name(declared) || hasNonAscii))
        {
            // Valid multi-byte UTF-8 is almost never accidental; it beats a declaration that says otherwise.
            var basis = declared is null ? "utf-8 bytes" : IsUtf8Name(declared) ? "meta charset" : $"utf-8 bytes (declared {declared} is wrong)";
            return new(StrictUtf8.GetString(bytes), Encoding.UTF8, basis);
        }
        if (declared is not null && !IsUtf8Name(declared) && TryGetEncoding(declared) is { } encoding)
        {
            if (encoding.CodePage is 28591 or 20127) encoding = Windows1252; // browsers read ISO-8859-1 and ASCII labels as Windows-1252
            return new(encoding.GetString(bytes), encoding, "meta charset");
        }
        var why = declared is null ? "no charset declared, not UTF-8" : $"declared {declared} but bytes are not valid UTF-8";
        return new(Windows1252.GetString(bytes), Windows1252, why);
    }

    /// <summary>The charset named by a meta tag or XML declaration in the first 4 KB, or null.</summary>
    public static string? DeclaredCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var m = CharsetPattern().Match(head);
        return m.Success ? m.Groups[1].Value.Trim().ToLowerInvariant() : null;
    }

    private static bool IsUtf8Name(string name) => name is "utf-8" or "utf8" or "unicode-1-1-utf-8";

    private static Encoding? TryGetEncoding(string name)
    {
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { return null; }
    }

    private static Encoding LoadWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    [GeneratedRegex("""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();
}
