namespace Storyline.Documents;

/// <summary>
/// One document as a reader produced it: its text before cleaning, with what the reader knows about it.
/// The text is what later stages see; <see cref="RemovedByReader"/> holds what the reader itself dropped
/// (HTML navigation, comments…), with offsets into the reader's input.
/// </summary>
/// <param name="Source">The path or URL as the user gave it (for JSONL, the file path plus <c>#line</c>).</param>
/// <param name="Format">The reader that produced it: <c>text</c>, <c>jsonl</c>, <c>html</c>, <c>feed</c>, …</param>
public sealed record RawDocument(string Source, string Format, string Text, DocumentMetadata Metadata)
{
    public IReadOnlyList<RemovedPart> RemovedByReader { get; init; } = [];

    /// <summary>
    /// How many characters of the original input precede <see cref="Text"/> (a text file's date header, say).
    /// Offsets into Text plus this are offsets into the original input.
    /// </summary>
    public int SourceOffset { get; init; }

    /// <summary>Hash of the text, for idempotent ingest: the same content is stored once.</summary>
    public string ContentHash { get; init; } = Hashing.ContentHash(Text);
}
