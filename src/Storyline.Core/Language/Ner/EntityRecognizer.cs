namespace Storyline.Language.Ner;

/// <summary>A recognised mention over a sentence's tokens, with its final type (PERSON, ORG, GPE, LOC, NORP).</summary>
public readonly record struct RecognizedEntity(int Start, int End, string Type);

/// <summary>
/// The whole recogniser: the sequence model finds PER/ORG/LOC spans, then gazetteer rules settle what the
/// training corpora cannot teach. No corpus here separates GPE from LOC, so a place is a GPE unless it is a
/// continent, sea or wide region, or ends in a natural-feature word ("River", "Airport"). No corpus marks
/// NORP either, so capitalised nationality and group words ("Russian", "Ukrainians", "Republicans") outside
/// any longer name are NORP.
/// </summary>
public sealed class EntityRecognizer(NerModel model)
{
    public NerModel Model { get; } = model;

    public static Outcome<EntityRecognizer> Embedded =>
        NerModel.Embedded.TryGetValue(out var model) ? Outcome<EntityRecognizer>.Ok(new EntityRecognizer(model)) : Outcome<EntityRecognizer>.Fail(NerModel.Embedded.Problem!);

    public List<RecognizedEntity> Recognize(IReadOnlyList<string> tokens, IReadOnlyList<string?>? posTags = null)
    {
        var result = new List<RecognizedEntity>();
        var covered = new bool[tokens.Count];
        foreach (var span in Model.Recognize(tokens, posTags))
        {
            for (int k = span.Start; k < span.End; k++) covered[k] = true;
            result.Add(new RecognizedEntity(span.Start, span.End, FinalType(tokens, span)));
        }
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i] || tokens[i].Length == 0 || !char.IsUpper(tokens[i][0]) || !Gazetteers.Demonyms.ContainsWord(tokens[i])) continue;
            // "American" in "the American Medical Association" is part of a longer name the model missed: leave it.
            if (i + 1 < tokens.Count && covered[i + 1] && !IsLowerOrPunct(tokens[i + 1])) continue;
            result.Add(new RecognizedEntity(i, i + 1, EntityTypes.Nationality));
        }
        result.Sort((a, b) => a.Start.CompareTo(b.Start));
        return result;
    }

    private static bool IsLowerOrPunct(string token) => token.Length == 0 || !char.IsUpper(token[0]);

    private static string FinalType(IReadOnlyList<string> tokens, NerSpan span)
    {
        if (span.Length == 1 && Gazetteers.Demonyms.ContainsWord(tokens[span.Start]) && span.Type != NerLabels.Person)
            return EntityTypes.Nationality;
        return span.Type switch
        {
            NerLabels.Person => EntityTypes.Person,
            NerLabels.Organization => EntityTypes.Organization,
            _ => IsNonPoliticalPlace(tokens, span) ? EntityTypes.Location : EntityTypes.Gpe,
        };
    }

    private static bool IsNonPoliticalPlace(IReadOnlyList<string> tokens, NerSpan span)
    {
        if (Gazetteers.LocationRegions.Contains(tokens, span.Start, span.Length)) return true;
        if (span.Start > 0 && string.Equals(tokens[span.Start - 1], "the", StringComparison.OrdinalIgnoreCase)
            && Gazetteers.LocationRegions.Contains(tokens, span.Start - 1, span.Length + 1)) return true;
        return span.Length > 1 && Gazetteers.LocationFeatures.ContainsWord(tokens[span.End - 1])
            || span.Length > 1 && Gazetteers.LocationFeatures.ContainsWord(tokens[span.Start]) && !Gazetteers.Countries.Contains(tokens, span.Start, span.Length);
    }
}
