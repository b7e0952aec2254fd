using Storyline.Learning;

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

    /// <param name="domain">The kind of text (<see cref="NerDomains"/>); news unless told otherwise.</param>
    public List<RecognizedEntity> Recognize(IReadOnlyList<string> tokens, IReadOnlyList<string?>? posTags = null, string? domain = NerDomains.News)
    {
        if (Model.UsesPos && posTags is null && tokens.Count > 0) posTags = PennTags(tokens);
        var result = new List<RecognizedEntity>();
        var covered = new bool[tokens.Count];
        var spans = RecognizeAfterDateline(tokens, posTags, domain);
        for (int s = 0; s < spans.Length; s++)
        {
            var span = spans[s];
            if (InnerTitle(tokens, span) is { } inner)
            {
                // "Pennsylvania Senator Rick Santorum", "County Coroner William McLaughlin": the name after the title is a
                // person's; what comes before it names a place only when it is one.
                if (IsPlaceName(tokens, span.Start, inner.TitleStart - span.Start))
                {
                    for (int k = span.Start; k < inner.TitleStart; k++) covered[k] = true;
                    result.Add(new RecognizedEntity(span.Start, inner.TitleStart, FinalType(tokens, new NerSpan(span.Start, inner.TitleStart, NerLabels.Location))));
                }
                span = new NerSpan(inner.NameStart, span.End, NerLabels.Person);
            }
            span = TrimTitle(tokens, span);
            int limit = s + 1 < spans.Length ? spans[s + 1].Start : tokens.Count;
            if (IsOnlyTitle(tokens, span))
            {
                // "Chief" in "Chief executive Pieter Janssen": a title alone names no one, but the name after it is a person's.
                int start = TitleEnd(tokens, span.Start), end = NameEnd(tokens, start, tokens.Count);
                if (end == start) continue;
                // The model's own spans inside the name ("Bakker" of "Hendrik Bakker") are part of it.
                while (s + 1 < spans.Length && spans[s + 1].Start < end) end = Math.Max(end, spans[++s].End);
                span = new NerSpan(start, end, NerLabels.Person);
                limit = s + 1 < spans.Length ? spans[s + 1].Start : tokens.Count;
            }
            else if (IsOnlyTitle(tokens, span)) continue;
            else if (span.Type != NerLabels.Person && LooksLikePerson(tokens, span)) span = span with { Type = NerLabels.Person };
            else if (span.Type == NerLabels.Person && QualifiesTitle(tokens, posTags, span)) span = span with { Type = NerLabels.Organization };
            // "the Boeing 787", "an Airbus A380": a maker's name before a model number names the product, not the firm.
            if (span.Type == NerLabels.Organization && (IsModelNumber(tokens, span.End) || span.Length > 1 && IsModelNumber(tokens, span.End - 1))) continue;
            // "Thieves broke in", "Dock workers walked out": a common noun capitalised only because it opens the sentence.
            if (span.Length == 1 && span.Start == 0 && posTags is not null && posTags[0] is "NN" or "NNS" && span.Type != NerLabels.Person) continue;
            // "North America", "London Heathrow": a name that begins with a place (not also a given name) is no person's.
            if (span.Type == NerLabels.Person && span.Length > 1 && StartsWithPlace(tokens, span) && !Model.GivenNames.ContainsWord(tokens[span.Start])) span = span with { Type = NerLabels.Location };
            // "Hollis Creek": a name ending in a natural-feature word is a place, not a person.
            if (span.Type == NerLabels.Person && span.Length > 1 && Gazetteers.PlaceWords.ContainsWord(tokens[span.End - 1])) span = span with { Type = NerLabels.Location };
            span = CompleteName(tokens, span, limit, afterTitle: span.Start != spans[s].Start);
            span = JoinSurnameParticle(tokens, span, spans, ref s);
            // "William Clay Ford Jr.": a generational suffix belongs to the name.
            if (span.Type == NerLabels.Person && span.End < tokens.Count && tokens[span.End] is "Jr." or "Sr." or "Jr" or "Sr" or "II" or "III" or "IV"
                && (s + 1 >= spans.Length || spans[s + 1].Start > span.End)) span = span with { End = span.End + 1 };
            for (int k = span.Start; k < span.End; k++) covered[k] = true;
            result.Add(new RecognizedEntity(span.Start, span.End, FinalType(tokens, span)));
        }
        NameAfterRole(tokens, result, covered);
        NameBeforeRole(tokens, result, covered);
        ExtendOrganisations(tokens, result, covered);
        ExtendOrganisationsThroughOf(tokens, result, covered);
        PlaceNamedOrganisations(tokens, result);
        PlaceBeforeRegion(tokens, result, covered);
        CutBeforeTitles(tokens, result);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i] || tokens[i].Length == 0 || !char.IsUpper(tokens[i][0]) || !Gazetteers.Demonyms.ContainsWord(tokens[i])) continue;
            // "American" in "the American Medical Association" is part of a longer name the model missed: leave it.
            if (i + 1 < tokens.Count && covered[i + 1] && !IsLowerOrPunct(tokens[i + 1])) continue;
            result.Add(new RecognizedEntity(i, i + 1, EntityTypes.Nationality));
        }
        result.Sort((a, b) => a.Start.CompareTo(b.Start));
        LeadingSurnameParticles(tokens, result);
        return result;
    }

    /// <summary>
    /// "WASHINGTON — Dock workers walked out": the model reads a word after a dateline as inside a sentence, where a
    /// capital letter means a name, so the dateline and the sentence after it are recognised apart.
    /// </summary>
    private NerSpan[] RecognizeAfterDateline(IReadOnlyList<string> tokens, IReadOnlyList<string?>? posTags, string? domain)
    {
        int dash = DatelineDash(tokens);
        if (dash < 0) return Model.Recognize(tokens, posTags, domain);
        var dateline = Model.Recognize(tokens.Take(dash + 1).ToArray(), posTags?.Take(dash + 1).ToArray(), domain);
        var rest = Model.Recognize(tokens.Skip(dash + 1).ToArray(), posTags?.Skip(dash + 1).ToArray(), domain);
        return [.. dateline, .. rest.Select(x => new NerSpan(x.Start + dash + 1, x.End + dash + 1, x.Type))];
    }

    /// <summary>The dash after a dateline that opens the sentence ("ROTTERDAM, Netherlands —"), or -1.</summary>
    internal static int DatelineDash(IReadOnlyList<string> tokens)
    {
        if (tokens.Count < 3 || !IsAllCapitals(tokens[0])) return -1;
        for (int k = 1; k < Math.Min(tokens.Count - 1, 8); k++)
        {
            if (tokens[k] is "—" or "–" or "--") return k;
            if (tokens[k].Length == 0 || !(char.IsUpper(tokens[k][0]) || tokens[k] is "," or "(" or ")" or ".")) return -1;
        }
        return -1;
    }

    private static bool IsAllCapitals(string token)
    {
        if (token.Length < 2) return false;
        bool letter = false;
        foreach (char c in token)
        {
            if (char.IsLower(c)) return false;
            letter |= char.IsLetter(c);
        }
        return letter;
    }

    private static bool IsAllLower(ReadOnlySpan<char> text)
    {
        foreach (char c in text) if (!char.IsLower(c)) return false;
        return true;
    }

    /// <summary>
    /// "Russian Foreign Minister Sergey Lavrov" recognised as one span: the title is not part of the name (as in
    /// OntoNotes and CoNLL), and a title before capitalised words makes them a person whatever the model said.
    /// </summary>
    private static NerSpan TrimTitle(IReadOnlyList<string> tokens, NerSpan span)
    {
        int title = Entities.NameForms.LeadingTitleLength(tokens, span.Start, span.Length);
        if (title == 0 || title >= span.Length) return span;
        for (int k = span.Start + title; k < span.End; k++)
            if (tokens[k] is not { Length: > 0 } w || !(char.IsUpper(w[0]) || w is "-" or "'s")) return span;
        // "General Motors", "Chief Executive Officer": a title word that begins an organisation's name.
        if (Gazetteers.OrganizationWords.ContainsWord(tokens[span.End - 1]) || (span.Type != NerLabels.Person && span.Length - title == 1)) return span;
        return new NerSpan(span.Start + title, span.End, NerLabels.Person);
    }

    /// <summary>
    /// A person span that stops on a given name or an initial ("Thomas Matthew", "George H.W."), or is a single
    /// word after a title, is missing its surname when a capitalised word follows: the name is completed with it.
    /// </summary>
    private NerSpan CompleteName(IReadOnlyList<string> tokens, NerSpan span, int limit, bool afterTitle)
    {
        if (span.Type != NerLabels.Person || span.End >= limit) return span;
        var last = tokens[span.End - 1];
        // After a title, a lone word is a given name waiting for its surname ("Foreign Minister Sergey" + "Lavrov").
        bool open = Model.GivenNames.ContainsWord(last) || IsInitial(last) || (afterTitle && span.Length == 1);
        var next = tokens[span.End];
        if (!open || next.Length < 2 || !char.IsUpper(next[0]) || !IsAllLower(next.AsSpan(1))) return span;
        if (Gazetteers.Titles.ContainsWord(next) || Gazetteers.OrganizationWords.ContainsWord(next)) return span;
        return span with { End = span.End + 1 };
    }

    internal static readonly Lazy<HashSet<string>> SurnameParticles =
        new(() => EmbeddedData.ReadLines("gazetteers/name-particles.txt").ToHashSet(StringComparer.Ordinal));

    /// <summary>A model designation at <paramref name="i"/>: "787", "737s", "A380", "747-400" (not a year, a count
    /// with a comma, or a single digit).</summary>
    internal static bool IsModelNumber(IReadOnlyList<string> tokens, int i)
    {
        if (i >= tokens.Count) return false;
        var t = tokens[i].AsSpan();
        int k = 0;
        while (k < t.Length && k < 2 && char.IsAsciiLetterUpper(t[k])) k++;
        int digits = 0;
        while (k < t.Length && char.IsAsciiDigit(t[k])) { k++; digits++; }
        if (digits < 2 || digits > 4) return false;
        bool lettered = t.Length > 0 && char.IsAsciiLetterUpper(t[0]);
        if (!lettered && digits == 4 && (t[0] == '1' || t[0] == '2')) return false;
        if (!lettered && digits == 2) return false;
        var rest = t[k..];
        return rest.IsEmpty || rest is "s" || rest.Length <= 2 && char.IsAsciiLetter(rest[0]) && !rest.Contains('%') || rest[0] == '-' && rest[1..].Length > 0 && int.TryParse(rest[1..], out _);
    }

    private static bool IsOnlyTitle(IReadOnlyList<string> tokens, NerSpan span)
    {
        if (Entities.NameForms.LeadingTitleLength(tokens, span.Start, span.Length) == span.Length) return true;
        // "the US President and his Russian counterpart": a country or nationality before a title is still only a title.
        return span.Length >= 2 && Entities.NameForms.IsQualifier(tokens[span.Start])
            && Entities.NameForms.LeadingTitleLength(tokens, span.Start + 1, span.Length - 1) == span.Length - 1;
    }

    /// <summary>
    /// A person's name continues through a lower-case surname particle ("Marijke de Vries", "Ursula von der Leyen"):
    /// the capitalised word after the particles joins the name, and a span the model started there is absorbed.
    /// </summary>
    private static NerSpan JoinSurnameParticle(IReadOnlyList<string> tokens, NerSpan span, NerSpan[] spans, ref int index)
    {
        if (span.Type != NerLabels.Person) return span;
        int k = span.End;
        while (k < tokens.Count && SurnameParticles.Value.Contains(tokens[k])) k++;
        if (k == span.End || k >= tokens.Count || tokens[k].Length < 2 || !char.IsUpper(tokens[k][0])) return span;
        int end = k + 1;
        while (index + 1 < spans.Length && spans[index + 1].Start <= k)
        {
            end = Math.Max(end, spans[index + 1].End);
            index++;
        }
        return span with { End = end };
    }

    /// <summary>
    /// "de Vries told reporters": a person's surname written alone keeps its particles, which the model leaves out
    /// because they are lower case; only when no capitalised word comes before them (a given name there is joined by
    /// <see cref="JoinSurnameParticle"/>). <paramref name="found"/> is sorted by start.
    /// </summary>
    private static void LeadingSurnameParticles(IReadOnlyList<string> tokens, List<RecognizedEntity> found)
    {
        for (int k = 0; k < found.Count; k++)
        {
            var e = found[k];
            if (e.Type != EntityTypes.Person) continue;
            int previousEnd = k > 0 ? found[k - 1].End : 0, start = e.Start;
            while (start - 1 >= previousEnd && SurnameParticles.Value.Contains(tokens[start - 1])) start--;
            if (start == e.Start || (start > 0 && tokens[start - 1].Length > 0 && char.IsUpper(tokens[start - 1][0]))) continue;
            found[k] = e with { Start = start };
        }
    }

    /// <summary>
    /// "Butler, Pennsylvania", "ROTTERDAM, Netherlands": a name followed by a comma and a state or country is a town
    /// in it, and the state or country is a place, whatever the model made of either.
    /// </summary>
    private static void PlaceBeforeRegion(IReadOnlyList<string> tokens, List<RecognizedEntity> result, bool[] covered)
    {
        for (int comma = 1; comma + 1 < tokens.Count; comma++)
        {
            if (tokens[comma] != ",") continue;
            int region = RegionLength(tokens, comma + 1);
            if (region == 0 || (comma + 1 + region < tokens.Count && IsNameWord(tokens[comma + 1 + region]))) continue;
            int start = comma;
            while (start > 0 && comma - start < 3 && IsPlaceWord(tokens[start - 1])) start--;
            if (start == comma || (start > 0 && char.IsUpper(tokens[start - 1][0]) && !Gazetteers.Titles.ContainsWord(tokens[start - 1]) && tokens[start - 1] is not ("In" or "At" or "From"))) continue;
            // A person's name before a comma is an apposition ("Trump, Pennsylvania's ..."), not a town.
            if (PersonWithin(result, start, comma)) continue;
            Replace(result, covered, start, comma, EntityTypes.Gpe);
            Replace(result, covered, comma + 1, comma + 1 + region, EntityTypes.Gpe);
        }
    }

    /// <summary>
    /// An organisation's name runs to its head word: "United States" + "Air Force", "Washington" + "Post" (the model
    /// often stops at the place that begins it).
    /// </summary>
    private static void ExtendOrganisations(IReadOnlyList<string> tokens, List<RecognizedEntity> result, bool[] covered)
    {
        result.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (int r = 0; r < result.Count; r++)
        {
            var e = result[r];
            if (e.Type is not (EntityTypes.Organization or EntityTypes.Gpe or EntityTypes.Location)) continue;
            int end = e.End;
            for (int k = e.End; k < tokens.Count && k - e.End < 4 && IsNameWord(tokens[k]); k++)
                if (EndsWithOrganisationWord(tokens, k + 1)) end = k + 1;
            if (end == e.End || Crosses(result, end)) continue;
            RemoveWithin(result, e.Start, end);
            result.Add(new RecognizedEntity(e.Start, end, EntityTypes.Organization));
            result.Sort((a, b) => a.Start.CompareTo(b.Start));
            for (int k = e.Start; k < end; k++) covered[k] = true;
            r = 0;
            while (result[r].Start != e.Start) r++;
        }
    }

    /// <summary>
    /// "White House Press" + "Secretary Karoline Leavitt": a title that starts inside a name and runs on past its end
    /// ("press secretary") is no part of that name, which ends where the title begins.
    /// </summary>
    private static void CutBeforeTitles(IReadOnlyList<string> tokens, List<RecognizedEntity> result)
    {
        for (int r = result.Count - 1; r >= 0; r--)
        {
            var e = result[r];
            if (e.Type == EntityTypes.Person) continue;
            for (int k = e.Start + 1; k < e.End; k++)
            {
                if (TitleEnd(tokens, k) <= e.End) continue;
                result[r] = e with { End = k };
                break;
            }
        }
    }

    /// <summary>
    /// A title inside a span, after its first word and followed by name words only ("Pennsylvania Senator Rick Santorum"):
    /// where the title starts and where the name after it starts.
    /// </summary>
    private (int TitleStart, int NameStart)? InnerTitle(IReadOnlyList<string> tokens, NerSpan span)
    {
        for (int k = span.Start + 1; k < span.End - 1; k++)
        {
            // "Muhammed Sheikh Khalil": a title after a given name is part of the name.
            if (tokens[k].Length == 0 || !char.IsUpper(tokens[k][0]) || Model.GivenNames.ContainsWord(tokens[k - 1])) continue;
            int name = TitleEnd(tokens, k);
            if (name == k || name >= span.End) continue;
            bool onlyNames = true;
            for (int j = name; j < span.End && onlyNames; j++)
                onlyNames = IsNameWord(tokens[j]) && !Gazetteers.Titles.ContainsWord(tokens[j]) && !Gazetteers.OrganizationWords.ContainsWord(tokens[j]);
            if (onlyNames) return (k, name);
        }
        return null;
    }

    /// <summary>
    /// "League" + "of Rights", "National Party" + "of Australia": an organisation whose last word is an organisation
    /// word continues through "of" and the name words after it (a place the model found there included).
    /// </summary>
    private static void ExtendOrganisationsThroughOf(IReadOnlyList<string> tokens, List<RecognizedEntity> result, bool[] covered)
    {
        for (int r = 0; r < result.Count; r++)
        {
            var e = result[r];
            if (e.Type != EntityTypes.Organization || e.End + 1 >= tokens.Count || tokens[e.End] != "of" || !Gazetteers.OrganizationWords.ContainsWord(tokens[e.End - 1])) continue;
            int k = e.End + 1;
            if (tokens[k] == "the" && k + 1 < tokens.Count) k++;
            int end = k;
            while (end < tokens.Count && end - k < 5 && (IsNameWord(tokens[end]) || tokens[end] == "and" && end + 1 < tokens.Count && IsNameWord(tokens[end + 1]) && end > k)) end++;
            if (end == k || !IsNameWord(tokens[end - 1]) || Crosses(result, end)) continue;
            RemoveWithin(result, e.Start + 1, end);
            result[r] = new RecognizedEntity(e.Start, end, EntityTypes.Organization);
            for (int j = e.Start; j < end; j++) covered[j] = true;
        }
    }

    /// <summary>
    /// "Boston Red Sox", "New York Times": a place-typed span that starts with a known place and goes on with other name
    /// words, none of them a place word, names something based there (a team, a newspaper), not the place.
    /// </summary>
    private void PlaceNamedOrganisations(IReadOnlyList<string> tokens, List<RecognizedEntity> result)
    {
        for (int r = 0; r < result.Count; r++)
        {
            var e = result[r];
            if (e.Type is not (EntityTypes.Gpe or EntityTypes.Location) || e.End - e.Start < 2) continue;
            int place = 0;
            for (int n = e.End - e.Start - 1; n >= 1 && place == 0; n--) if (IsPlaceName(tokens, e.Start, n)) place = n;
            if (place == 0 || IsPlaceName(tokens, e.Start, e.End - e.Start)) continue;
            // "Kansas" + "City" is still a place ("Kansas City Chiefs" is not).
            int rest = e.Start + place;
            while (rest < e.End && Gazetteers.PlaceParts.ContainsWord(tokens[rest])) rest++;
            bool other = rest < e.End;
            for (int k = rest; k < e.End && other; k++)
                other = IsNameWord(tokens[k]) && !tokens[k].Contains('-') && !Gazetteers.PlaceWords.ContainsWord(tokens[k]) && !Gazetteers.PlaceParts.ContainsWord(tokens[k])
                    && !IsPlaceName(tokens, k, 1) && !Gazetteers.Demonyms.ContainsWord(tokens[k]) && !Gazetteers.LocationRegions.ContainsWord(tokens[k]);
            if (other) result[r] = e with { Type = EntityTypes.Organization };
        }
    }

    private static bool EndsWithOrganisationWord(IReadOnlyList<string> tokens, int end)
    {
        for (int n = 1; n <= Math.Min(end, Gazetteers.OrganizationWords.MaxTokens); n++)
            if (Gazetteers.OrganizationWords.Contains(tokens, end - n, n)) return true;
        return false;
    }

    private bool StartsWithPlace(IReadOnlyList<string> tokens, NerSpan span)
    {
        for (int n = 1; n <= span.Length; n++)
            if (IsPlaceName(tokens, span.Start, n) || Gazetteers.LocationRegions.Contains(tokens, span.Start, n)) return true;
        return false;
    }

    private static int RegionLength(IReadOnlyList<string> tokens, int start)
    {
        for (int n = Math.Min(Math.Max(Gazetteers.Regions.MaxTokens, Gazetteers.Countries.MaxTokens), tokens.Count - start); n >= 1; n--)
            if ((Gazetteers.Regions.Contains(tokens, start, n) || Gazetteers.Countries.Contains(tokens, start, n)) && char.IsUpper(tokens[start][0])) return n;
        return 0;
    }

    // The helpers below are loops rather than LINQ or RemoveAll with a lambda: their lambdas would capture the
    // bounds, an allocation on every call, and the recogniser asks at most tokens of every sentence.

    /// <summary>Whether a found span runs across <paramref name="at"/> (starts before it and ends after it).</summary>
    private static bool Crosses(List<RecognizedEntity> result, int at)
    {
        foreach (var x in result) if (x.Start < at && x.End > at) return true;
        return false;
    }

    /// <summary>Whether a person span overlaps the tokens from <paramref name="start"/> to <paramref name="end"/>.</summary>
    private static bool PersonWithin(List<RecognizedEntity> result, int start, int end)
    {
        foreach (var x in result) if (x.Type == EntityTypes.Person && x.Start < end && x.End > start) return true;
        return false;
    }

    /// <summary>Removes the spans lying inside the tokens from <paramref name="start"/> to <paramref name="end"/>.</summary>
    private static void RemoveWithin(List<RecognizedEntity> result, int start, int end)
    {
        for (int k = result.Count - 1; k >= 0; k--)
            if (result[k].Start >= start && result[k].End <= end) result.RemoveAt(k);
    }

    private static bool IsPlaceWord(string token)
    {
        if (token.Length < 2 || !char.IsUpper(token[0])) return false;
        foreach (char c in token) if (!(char.IsLetter(c) || c is '-' or '.' or '\'')) return false;
        return true;
    }

    private static void Replace(List<RecognizedEntity> result, bool[] covered, int start, int end, string type)
    {
        foreach (var e in result)
        {
            if (e.Start == start && e.End == end && e.Type == type) return;
            // Only spans lying inside the new one give way; a longer name around it stays.
            if (e.Start < end && e.End > start && (e.Start < start || e.End > end)) return;
        }
        RemoveWithin(result, start, end);
        result.Add(new RecognizedEntity(start, end, type));
        for (int k = start; k < end; k++) covered[k] = true;
    }

    /// <summary>
    /// "Dock union leader Sanne van Dijk", "Kremlin spokesman Dmitry Peskov": one word before a lower-case role and the
    /// name that holds it says whose role it is (a firm, a union, a place), not who. (A person's surname there, as
    /// in "Trump adviser", is set right by the document pass when the article names the person in full.)
    /// </summary>
    private bool QualifiesTitle(IReadOnlyList<string> tokens, IReadOnlyList<string?>? posTags, NerSpan span)
    {
        if (span.Length != 1 || posTags is null) return false;
        int k = span.End;
        while (k < tokens.Count && k - span.End < 2 && posTags[k] is "NN" && char.IsLower(tokens[k][0])) k++;
        return k > span.End && k < tokens.Count && IsNameWord(tokens[k]) && (posTags[k] is "NNP" or "NNPS");
    }

    /// <summary>
    /// "Union leader Marijke de Vries said": a role the model read past leaves the name after it untagged. Two or more
    /// name words (surname particles allowed inside) right after a title are a person, unless one of them is a place.
    /// </summary>
    private void NameAfterRole(IReadOnlyList<string> tokens, List<RecognizedEntity> result, bool[] covered)
    {
        for (int i = 1; i < tokens.Count; i++)
        {
            if (covered[i] || !IsNameWord(tokens[i]) || !TitleBefore(tokens, i)) continue;
            int end = i + 1;
            while (end < tokens.Count && !covered[end])
            {
                if (IsNameWord(tokens[end]) && !Gazetteers.Titles.ContainsWord(tokens[end]) && !Gazetteers.OrganizationWords.ContainsWord(tokens[end])) end++;
                else if (SurnameParticles.Value.Contains(tokens[end]) && end + 1 < tokens.Count && IsNameWord(tokens[end + 1])) end++;
                else break;
            }
            if (end - i < 2 || !IsNameWord(tokens[end - 1]) || ContainsPlace(tokens, i, end)) continue;
            Replace(result, covered, i, end, EntityTypes.Person);
            i = end - 1;
        }
    }

    /// <summary>
    /// "Sergei Lavrov, the Russian foreign minister, said": two or three name words the model left untagged, followed by
    /// a comma and a role ("the", "a" or a possessive, then a title within four words), are a person.
    /// </summary>
    private void NameBeforeRole(IReadOnlyList<string> tokens, List<RecognizedEntity> result, bool[] covered)
    {
        for (int comma = 2; comma + 2 < tokens.Count; comma++)
        {
            if (tokens[comma] != "," || !RoleFollows(tokens, comma + 1)) continue;
            if (covered[comma - 1])
            {
                // "Sergei Lavrov, the Russian foreign minister" typed ORG by the model: two or three name words, none an
                // organisation or place word, described as holding a post are a person ("Acme, its chief executive" keeps
                // its type: only "the" or "a" introduce the role here).
                int r = 0;
                while (r < result.Count && result[r].End != comma) r++;
                if (r < result.Count && result[r] is { Type: not EntityTypes.Person and not EntityTypes.Nationality } e && e.End - e.Start is 2 or 3
                    && tokens[comma + 1] is "the" or "a" or "an" && !ContainsPlace(tokens, e.Start, e.End) && OnlyPlainNameWords(tokens, e.Start, e.End))
                    result[r] = e with { Type = EntityTypes.Person };
                continue;
            }
            int start = comma;
            while (start > 0 && comma - start < 3 && !covered[start - 1] && IsNameWord(tokens[start - 1])
                   && !Gazetteers.Titles.ContainsWord(tokens[start - 1]) && !Gazetteers.OrganizationWords.ContainsWord(tokens[start - 1])) start--;
            if (comma - start < 2 || (start > 0 && IsNameWord(tokens[start - 1])) || ContainsPlace(tokens, start, comma)) continue;
            Replace(result, covered, start, comma, EntityTypes.Person);
        }
    }

    /// <summary>Whether every token from <paramref name="start"/> to <paramref name="end"/> is a name word, none of them
    /// an organisation word or a title.</summary>
    private static bool OnlyPlainNameWords(IReadOnlyList<string> tokens, int start, int end)
    {
        for (int k = start; k < end; k++)
            if (!IsNameWord(tokens[k]) || Gazetteers.OrganizationWords.ContainsWord(tokens[k]) || Gazetteers.Titles.ContainsWord(tokens[k])) return false;
        return true;
    }

    /// <summary>Whether a role description starts at <paramref name="start"/>: "the", "a" or a possessive, then a title within four words.</summary>
    private static bool RoleFollows(IReadOnlyList<string> tokens, int start)
    {
        if (tokens[start] is not ("the" or "a" or "an" or "its" or "his" or "her" or "their")) return false;
        for (int k = start + 1; k < tokens.Count && k <= start + 4 && tokens[k] is not ("," or "." or ";"); k++)
            for (int n = 1; n <= Math.Min(Gazetteers.Titles.MaxTokens, tokens.Count - k); n++)
                if (Gazetteers.Titles.Contains(tokens, k, n)) return true;
        return false;
    }

    /// <summary>Whether the <paramref name="length"/> tokens at <paramref name="start"/> are a country, city, region or
    /// world place the gazetteers know.</summary>
    private bool IsPlaceName(IReadOnlyList<string> tokens, int start, int length) =>
        Gazetteers.Countries.Contains(tokens, start, length) || Gazetteers.Cities.Contains(tokens, start, length)
        || Gazetteers.Regions.Contains(tokens, start, length) || Model.WorldPlaces.Contains(tokens, start, length);

    private bool ContainsPlace(IReadOnlyList<string> tokens, int start, int end)
    {
        for (int k = start; k < end; k++)
            if (IsPlaceName(tokens, k, 1) || Gazetteers.PlaceWords.ContainsWord(tokens[k]) || Gazetteers.Demonyms.ContainsWord(tokens[k])) return true;
        return false;
    }

    /// <summary>Where the title starting at <paramref name="start"/> ends ("Chief executive" in "Chief executive Pieter Janssen").</summary>
    private static int TitleEnd(IReadOnlyList<string> tokens, int start)
    {
        int window = Math.Max(0, Math.Min(tokens.Count - start, Gazetteers.Titles.MaxTokens + 2));
        return start + Entities.NameForms.LeadingTitleLength(tokens, start, window);
    }

    /// <summary>Whether a title ends just before <paramref name="end"/> ("the company's chief executive" + name).</summary>
    private static bool TitleBefore(IReadOnlyList<string> tokens, int end)
    {
        for (int n = 1; n <= Math.Min(end, Gazetteers.Titles.MaxTokens); n++)
            if (Gazetteers.Titles.Contains(tokens, end - n, n) && !IsNameWord(tokens[end - n])) return true;
        return false;
    }

    /// <summary>The end of the run of name words (at most three) starting at <paramref name="start"/>.</summary>
    private static int NameEnd(IReadOnlyList<string> tokens, int start, int limit)
    {
        int k = start;
        while (k < limit && k - start < 3 && IsNameWord(tokens[k]) && !Gazetteers.Titles.ContainsWord(tokens[k])
               && !Gazetteers.OrganizationWords.ContainsWord(tokens[k]) && !Gazetteers.PlaceWords.ContainsWord(tokens[k])) k++;
        return k;
    }

    /// <summary>A capitalised word written as names are ("Janssen", "O'Neill"), not all capitals.</summary>
    private static bool IsNameWord(string token)
    {
        if (token.Length < 2 || !char.IsUpper(token[0])) return false;
        foreach (char c in token.AsSpan(1)) if (char.IsLower(c)) return true;
        return false;
    }

    /// <summary>
    /// A span the model called an organisation or a place that reads as a person's name: it follows a title
    /// ("chief executive, Pieter Janssen") and holds only name words, none of them an organisation or place word.
    /// </summary>
    private bool LooksLikePerson(IReadOnlyList<string> tokens, NerSpan span)
    {
        if (span.Length > 3 || NameEnd(tokens, span.Start, span.End) != span.End) return false;
        if (IsPlaceName(tokens, span.Start, span.Length) || Gazetteers.Demonyms.ContainsWord(tokens[span.Start])) return false;
        int before = span.Start > 0 && tokens[span.Start - 1] == "," ? span.Start - 1 : span.Start;
        return TitleBefore(tokens, before);
    }

    private static bool IsInitial(string token)
    {
        if (token.Length < 2 || token[^1] != '.') return false;
        int letters = 0;
        foreach (char c in token)
        {
            if (!char.IsLetter(c)) continue;
            if (!char.IsUpper(c)) return false;
            letters++;
        }
        return letters <= 3;
    }

    /// <summary>
    /// Recognises a whole document, sentence by sentence, then (for news) makes it consistent with itself: a name found in
    /// one sentence is found wherever else it appears uncovered ("Zelenskyy" alone after "Volodymyr Zelenskyy"),
    /// and a person's surname alone is that person.
    /// </summary>
    public List<List<RecognizedEntity>> RecognizeDocument(IReadOnlyList<IReadOnlyList<string>> sentences, string? domain = NerDomains.News,
        IReadOnlyList<IReadOnlyList<string?>?>? posTags = null)
    {
        var results = new List<List<RecognizedEntity>>(sentences.Count);
        for (int s = 0; s < sentences.Count; s++) results.Add(Recognize(sentences[s], posTags?[s], domain));
        var known = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        void Know(string text, string type)
        {
            if (!known.TryGetValue(text, out var types)) known[text] = types = new(StringComparer.Ordinal);
            types[type] = types.GetValueOrDefault(type) + 1;
        }
        int longest = 1;
        var surnames = new HashSet<string>(StringComparer.Ordinal);
        if (domain == NerDomains.News)
        {
            // "Thieves broke in" beside "the thieves entered": a word the article writes in lower case is no name
            // where only the start of a sentence capitalises it.
            // Gathered only when a candidate needs it: most articles have none.
            HashSet<string>? lowerWords = null;
            for (int s = 0; s < sentences.Count; s++)
            {
                // A loop, not RemoveAll: its lambda would capture the sentence, an allocation per sentence.
                var words = sentences[s];
                var found = results[s];
                for (int k = found.Count - 1; k >= 0; k--)
                {
                    var e = found[k];
                    if (e.End - e.Start == 1 && e.Type != EntityTypes.Person && OpensSentence(words, e.Start) && (lowerWords ??= LowerCaseWords(sentences)).Contains(words[e.Start].ToLowerInvariant()))
                        found.RemoveAt(k);
                }
            }
        }
        for (int s = 0; s < sentences.Count; s++)
            foreach (var e in results[s])
            {
                if (e.Type == EntityTypes.Nationality) continue;
                Know(Text(sentences[s], e.Start, e.End), e.Type);
                longest = Math.Max(longest, e.End - e.Start);
                if (e.Type == EntityTypes.Person && e.End - e.Start > 1 && sentences[s][e.End - 1].Length > 2)
                {
                    Know(sentences[s][e.End - 1], EntityTypes.Person);
                    surnames.Add(sentences[s][e.End - 1]);
                }
            }
        // News names its subjects the same way throughout an article; legal filings capitalise defined terms
        // ("the Bank") that are names only some of the time, and spreading them there costs precision (measured
        // on the SEC filings), so the pass is for news.
        if (known.Count == 0 || domain != NerDomains.News) return results;
        var typeOf = new Dictionary<string, string>(known.Count, StringComparer.Ordinal);
        foreach (var (text, votes) in known) typeOf[text] = MostVoted(votes);
        // A second look: a full name keeps the type most of its mentions got, and a person's surname alone is that
        // person ("Whitaker said" after "Dana Whitaker") unless the article uses it more often for something else
        // ("Ford" the company beside "William Clay Ford"). Single words are not given the majority type: measured on
        // MEANTIME, that cost more than it gained.
        for (int s = 0; s < sentences.Count; s++)
        {
            var found = results[s];
            for (int k = 0; k < found.Count; k++)
            {
                var e = found[k];
                if (e.Type == EntityTypes.Nationality) continue;
                var text = Text(sentences[s], e.Start, e.End);
                string type = e.Type;
                var votes = known[text];
                if (e.End - e.Start > 1 && votes[typeOf[text]] > votes[type]) type = typeOf[text];
                if (e.End - e.Start == 1 && surnames.Contains(text) && votes[EntityTypes.Person] >= votes[type]) type = EntityTypes.Person;
                if (type != e.Type) found[k] = e with { Type = type };
            }
        }
        // A known name's first word: most capitalised words begin none, and need not be joined with the words after them.
        var firstWords = typeOf.Keys.Select(k => k.IndexOf(' ') is var space and >= 0 ? k[..space] : k).ToHashSet(StringComparer.Ordinal);
        for (int s = 0; s < sentences.Count; s++)
        {
            var tokens = sentences[s];
            bool[]? covered = null;
            bool added = false;
            for (int i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Length < 2 || !char.IsUpper(tokens[i][0])) continue;
                if (!firstWords.Contains(tokens[i]) && !tokens[i].Contains(' ')) continue;
                if (covered is null)
                {
                    covered = new bool[tokens.Count];
                    foreach (var e in results[s]) for (int k = e.Start; k < e.End; k++) covered[k] = true;
                }
                if (covered[i]) continue;
                if (i > 1 && tokens[i - 1].Length > 0 && char.IsUpper(tokens[i - 1][0]) && !Gazetteers.Titles.ContainsWord(tokens[i - 1])) continue;
                for (int n = Math.Min(longest, tokens.Count - i); n >= 1; n--)
                {
                    if (AnyCovered(covered, i, n)) continue;
                    // A match must not cut a longer capitalised name in two ("Trump" inside "Trump Tower").
                    if (i + n < tokens.Count && tokens[i + n].Length > 0 && char.IsUpper(tokens[i + n][0])) continue;
                    if (!typeOf.TryGetValue(Text(tokens, i, i + n), out var type)) continue;
                    if (type == EntityTypes.Organization && IsModelNumber(tokens, i + n)) continue;

                    results[s].Add(new RecognizedEntity(i, i + n, type));
                    for (int k = i; k < i + n; k++) covered[k] = true;
                    added = true;
                    break;
                }
            }
            if (added) results[s].Sort((a, b) => a.Start.CompareTo(b.Start));
        }
        // Surnames the second look made persons keep their particles too.
        for (int s = 0; s < sentences.Count; s++) LeadingSurnameParticles(sentences[s], results[s]);
        return results;
    }

    private static HashSet<string> LowerCaseWords(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
            for (int k = 0; k < sentence.Count; k++)
                if (sentence[k] is { Length: > 1 } token && char.IsLower(token[0])) words.Add(token);
        return words;
    }

    /// <summary>The type with the most votes; of equal votes, the first in ordinal order.</summary>
    private static string MostVoted(Dictionary<string, int> votes)
    {
        string? best = null;
        int most = 0;
        foreach (var (type, count) in votes)
            if (best is null || count > most || count == most && string.CompareOrdinal(type, best) < 0) (best, most) = (type, count);
        return best!;
    }

    /// <summary>Whether the token is capitalised by position: first in the sentence, or after a dateline's dash or a colon.</summary>
    private static bool OpensSentence(IReadOnlyList<string> tokens, int i) =>
        i == 0 || tokens[i - 1] is "—" or "–" or "--" or ":" or "\"" or "“";

    private static bool AnyCovered(bool[] covered, int start, int count)
    {
        for (int k = start; k < start + count; k++) if (covered[k]) return true;
        return false;
    }

    /// <summary>Tokens start to end (exclusive) joined by spaces.</summary>
    private static string Text(IReadOnlyList<string> tokens, int start, int end)
    {
        if (end - start == 1) return tokens[start];
        int length = end - start - 1;
        for (int k = start; k < end; k++) length += tokens[k].Length;
        return string.Create(length, (tokens, start, end), static (chars, state) =>
        {
            int at = 0;
            for (int k = state.start; k < state.end; k++)
            {
                if (k > state.start) chars[at++] = ' ';
                state.tokens[k].AsSpan().CopyTo(chars[at..]);
                at += state.tokens[k].Length;
            }
        });
    }

    private static readonly Lazy<Pos.PosTagger?> _tagger = new(() => Pos.PosTagger.Shipped.TryGetValue(out var t) ? t : null);

    /// <summary>Penn tags from the shipped POS tagger, for callers that have words but no tags.</summary>
    public static string?[]? PennTags(IReadOnlyList<string> tokens) => _tagger.Value?.Tag(tokens).Penn;

    private static bool IsLowerOrPunct(string token) => token.Length == 0 || !char.IsUpper(token[0]);

    private string FinalType(IReadOnlyList<string> tokens, NerSpan span)
    {
        // "along with Crimea", "Donetsk, Luhansk and Kherson": a state or province named alone is a place, whatever
        // the model made of it (unlike a country or a city, a province names no team or airline).
        if (span.Type is NerLabels.Person or NerLabels.Organization && Gazetteers.Regions.Contains(tokens, span.Start, span.Length)
            && !Model.GivenNames.ContainsWord(tokens[span.Start]))
            return IsNonPoliticalPlace(tokens, span) ? EntityTypes.Location : EntityTypes.Gpe;
        if (span.Length == 1 && Gazetteers.Demonyms.ContainsWord(tokens[span.Start]) && span.Type != NerLabels.Person)
            return EntityTypes.Nationality;
        // "Orthodox Christian", "Sunni Muslims": a group of several group words is a group, whatever the model said.
        if (span.Length > 1 && OnlyGroupWords(tokens, span))
            return EntityTypes.Nationality;
        return span.Type switch
        {
            NerLabels.Person => EntityTypes.Person,
            // "Europe's largest port": a continent or sea alone is a place, even where its possessive makes it look
            // like an actor to the model.
            NerLabels.Organization when Gazetteers.LocationRegions.Contains(tokens, span.Start, span.Length) => EntityTypes.Location,
            NerLabels.Organization => EntityTypes.Organization,
            _ => IsNonPoliticalPlace(tokens, span) ? EntityTypes.Location : EntityTypes.Gpe,
        };
    }

    private static bool OnlyGroupWords(IReadOnlyList<string> tokens, NerSpan span)
    {
        for (int k = span.Start; k < span.End; k++) if (!Gazetteers.GroupWords.ContainsWord(tokens[k])) return false;
        return true;
    }

    private static bool IsNonPoliticalPlace(IReadOnlyList<string> tokens, NerSpan span)
    {
        if (Gazetteers.LocationRegions.Contains(tokens, span.Start, span.Length)) return true;
        if (span.Start > 0 && string.Equals(tokens[span.Start - 1], "the", StringComparison.OrdinalIgnoreCase)
            && Gazetteers.LocationRegions.Contains(tokens, span.Start - 1, span.Length + 1)) return true;
        return span.Length > 1 && Gazetteers.PlaceWords.ContainsWord(tokens[span.End - 1])
            || span.Length > 1 && Gazetteers.PlaceWords.ContainsWord(tokens[span.Start]) && !Gazetteers.Countries.Contains(tokens, span.Start, span.Length);
    }
}
