namespace Storyline.Language;

/// <summary>A token with its character offsets into the clean text, and its part-of-speech tag once tagged.</summary>
/// <param name="Tag">The Universal Dependencies part of speech (NOUN, VERB, PROPN…), once tagged.</param>
public readonly record struct Token(int Start, int End, string Text, string? Tag = null)
{
    public int Length => End - Start;

    /// <summary>The Penn Treebank tag (VBD, VBZ, MD, NNP…), once tagged: it carries tense and number, which the
    /// universal tag does not.</summary>
    public string? PennTag { get; init; }
}

/// <summary>A sentence: its character span and the range of tokens it holds.</summary>
public readonly record struct Sentence(int Start, int End, int FirstToken, int TokenCount);

/// <summary>Entity types, in the OntoNotes manner. GPE covers countries, cities and states; LOC other places.</summary>
public static class EntityTypes
{
    public const string Person = "PERSON";
    public const string Organization = "ORG";
    public const string Gpe = "GPE";
    public const string Location = "LOC";
    public const string Nationality = "NORP";
}

/// <summary>A mention of a named entity in one article; <see cref="EntityId"/> links it to its canonical entity.</summary>
public sealed record EntityMention(int Start, int End, string Text, string Type)
{
    public string? EntityId { get; init; }
}
