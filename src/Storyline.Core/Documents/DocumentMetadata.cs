using NodaTime;

namespace Storyline.Documents;

/// <summary>
/// What a reader learned about a document besides its text. Every field is optional; <see cref="FieldSources"/>
/// records where each filled field came from (for example <c>title ← json-ld</c>), because users ask.
/// </summary>
public sealed record DocumentMetadata
{
    public static readonly DocumentMetadata Empty = new();

    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Url { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? Outlet { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public LocalDate? Published { get; init; }
    /// <summary>The published value as the source gave it, before normalising (for example a full timestamp).</summary>
    public string? PublishedRaw { get; init; }
    public LocalDate? Modified { get; init; }
    public string? Language { get; init; }
    public IReadOnlyDictionary<string, string> FieldSources { get; init; } = new Dictionary<string, string>();
}
