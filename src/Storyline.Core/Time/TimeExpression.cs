using Storyline.Documents;

namespace Storyline.Time;

public static class TimexTypes
{
    public const string Date = "DATE";
    public const string Time = "TIME";
    public const string Duration = "DURATION";
    public const string Set = "SET";
}

/// <summary>
/// A TIMEX3-style time expression in an article: its span in the clean text, its type, and its ISO value
/// resolved against the article's date. With no publication date, relative values stay unresolved.
/// </summary>
public sealed record TimeExpression(TextSpan Span, string Text, string Type)
{
    /// <summary>TIMEX3 value (2024, 2024-07, 2024-SU, 2025-W12, P3D…), or null when unresolved.</summary>
    public string? Value { get; init; }
    /// <summary>Why the value is missing, when it is.</summary>
    public string? Unresolved { get; init; }
    /// <summary>The tagging rule that found the expression, for tracing a value back to its rule.</summary>
    public string? Rule { get; init; }
}
