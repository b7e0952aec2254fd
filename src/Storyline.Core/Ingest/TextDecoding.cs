using System.Text;

namespace Storyline.Ingest;

/// <summary>Checks shared by the text-based readers: binary sniffing and strict UTF-8 decoding.</summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True when the bytes look like a binary file: a NUL byte, or many control characters, in the first 8 KB.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        if (head.IndexOf((byte)0) >= 0) return true;
        int control = 0;
        foreach (var b in head)
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0C) control++;
        return head.Length > 0 && control > head.Length / 20;
    }

    /// <summary>Decodes UTF-8 (with or without BOM), failing with the offset of the first invalid byte.</summary>
    public static Outcome<string> DecodeUtf8(byte[] bytes)
    {
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return Outcome<string>.Ok(StrictUtf8.GetString(bytes, start, bytes.Length - start));
        }
        catch (DecoderFallbackException e)
        {
            var bad = e.BytesUnknown is { Length: > 0 } b ? $"0x{b[0]:X2}" : "a byte";
            return Outcome<string>.Fail($"is not valid UTF-8 ({bad} at byte {start + Math.Max(0, e.Index)}); convert it to UTF-8 first");
        }
    }

    /// <summary>Decodes a text input after the checks every text reader makes: not binary, valid UTF-8, not blank.</summary>
    public static Outcome<string> DecodeText(InputFile input)
    {
        if (LooksBinary(input.Bytes)) return Outcome<string>.Fail("looks like a binary file, not text");
        var text = DecodeUtf8(input.Bytes);
        if (!text.Success) return text;
        if (string.IsNullOrWhiteSpace(text.Value)) return Outcome<string>.Fail("is empty");
        return text;
    }
}
