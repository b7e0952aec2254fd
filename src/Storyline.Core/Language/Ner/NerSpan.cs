namespace Storyline.Language.Ner;

/// <summary>A named-entity span over a sentence's tokens: [Start, End) in token indices, with a type label.</summary>
public readonly record struct NerSpan(int Start, int End, string Type)
{
    public int Length => End - Start;
}

/// <summary>
/// One sentence of an NER corpus: its tokens and gold spans, with the document it belongs to (for
/// document-level held-out splits). Types are already mapped onto the model's labels (PER, ORG, LOC, NORP).
/// </summary>
public sealed record NerSentence(string Id, string DocumentId, string[] Tokens, NerSpan[] Spans);

/// <summary>The labels the sequence model learns. GPE/LOC and NORP are decided afterwards by gazetteer rules.</summary>
public static class NerLabels
{
    public const string Person = "PER";
    public const string Organization = "ORG";
    public const string Location = "LOC";
    public const string Nationality = "NORP";

    public static readonly string[] ModelTypes = [Person, Organization, Location];

    /// <summary>
    /// Maps a corpus's label onto ours, or null when the label has no counterpart (MISC, products, works,
    /// financial entities…). The table is documented in docs/accuracy-ner.md.
    /// </summary>
    public static string? FromCorpus(string label) => label.ToLowerInvariant() switch
    {
        "per" or "person" or "pers" => Person,
        "org" or "organization" or "organisation" or "corporation" or "group" => Organization,
        "loc" or "location" or "place" or "gpe" or "geo-loc" => Location,
        "norp" => Nationality,
        _ => null,
    };

    /// <summary>Our mention types (PERSON, GPE…) as the three-way labels most corpora use.</summary>
    public static string? ToCorpus(string entityType) => entityType switch
    {
        EntityTypes.Person => "PER",
        EntityTypes.Organization => "ORG",
        EntityTypes.Gpe or EntityTypes.Location => "LOC",
        _ => null,
    };
}
