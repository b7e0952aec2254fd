namespace Storyline.Documents;

/// <summary>
/// One clean article: the body text after cleaning, its metadata, and everything cleaning removed.
/// When one input held several glued articles, each is its own Article whose <see cref="SourceSpan"/>
/// points back to its part of the input.
/// </summary>
/// <param name="Id">Stable identifier derived from the content, so re-ingesting the same text yields the same id.</param>
/// <param name="Source">The path or URL as given.</param>
/// <param name="Text">The clean body.</param>
/// <param name="SourceSpan">The segment of the source text this article came from.</param>
/// <param name="Removed">What cleaning removed, with offsets into the source text.</param>
public sealed record Article(
    string Id,
    string Source,
    string? Title,
    string Text,
    PublicationDate Published,
    TextSpan SourceSpan,
    IReadOnlyList<RemovedPart> Removed,
    DocumentMetadata Metadata)
{
    /// <summary>Maps offsets in <see cref="Text"/> back to offsets in the source text.</summary>
    public OffsetMap? Offsets { get; init; }

    public string ContentHash { get; init; } = Hashing.ContentHash(Text);

    /// <summary>
    /// Whether <see cref="Title"/> is a real headline: one the source gave, or a first line that stands alone without
    /// closing punctuation. A title made from the lead sentence is not, and names a story less well.
    /// </summary>
    public bool HasHeadline => Metadata.Title is not null
        || (Title is { Length: > 0 } title && title[^1] is not ('.' or '!' or '?' or '…' or '"' or '”' or '\'')
            && Text.AsSpan().TrimStart().StartsWith(title + "\n", StringComparison.Ordinal));

    /// <summary>The outlet if known, else something readable derived from the source.</summary>
    public string OutletOrSource => Metadata.Outlet ?? System.IO.Path.GetFileName(Source);
}
