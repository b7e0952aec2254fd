using System.Security.Cryptography;
using System.Text;

namespace Storyline;

public static class Hashing
{
    /// <summary>A short, stable content hash (SHA-256, first 16 hex digits) of text normalised for line endings.</summary>
    public static string ContentHash(string text)
    {
        var normalized = text.Replace("\r\n", "\n").Trim();
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalized), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>64-bit FNV-1a over UTF-16 chars: fast, allocation-free, stable across runs (unlike string.GetHashCode).</summary>
    public static ulong Fnv1a(ReadOnlySpan<char> chars, ulong seed = 14695981039346656037UL)
    {
        ulong h = seed;
        foreach (char c in chars)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }

    public static ulong Combine(ulong a, ulong b) => (a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2))) * 1099511628211UL;
}
