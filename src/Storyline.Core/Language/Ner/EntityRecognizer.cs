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
        var spans = Model.Recognize(tokens, posTags, domain);
        for (int s = 0; s < spans.Length; s++)
        {
            var span = TrimTitle(tokens, spans[s]);
            // "Chief" in "Chief executive Pieter Janssen": a title alone names no one.
            if (IsOnlyTitle(tokens, span)) continue;
            int limit = s + 1 < spans.Length ? spans[s + 1].Start : tokens.Count;
            span = CompleteName(tokens, span, limit, afterTitle: span.Start != spans[s].Start);
            span = JoinSurnameParticle(tokens, span, spans, ref s);
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

    /// <summary>
    /// "Russian Foreign Minister Sergey Lavrov" recognised as one span: the title is not part of the name (as in
    /// OntoNotes and CoNLL), and a title before capitalised words makes them a person whatever the model said.
    /// </summary>
    private static NerSpan TrimTitle(IReadOnlyList<string> tokens, NerSpan span)
    {
        var words = Enumerable.Range(span.Start, span.Length).Select(i => tokens[i]).ToList();
        int title = Entities.NameForms.LeadingTitleLength(words);
        if (title == 0 || title >= words.Count) return span;
        if (!words.Skip(title).All(w => w.Length > 0 && (char.IsUpper(w[0]) || w is "-" or "'s"))) return span;
        // "General Motors", "Chief Executive Officer": a title word that begins an organisation's name.
        if (Gazetteers.OrganizationWords.ContainsWord(words[^1]) || (span.Type != NerLabels.Person && words.Count - title == 1)) return span;
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
        if (!open || next.Length < 2 || !char.IsUpper(next[0]) || !next.Skip(1).All(char.IsLower)) return span;
        if (Gazetteers.Titles.ContainsWord(next) || Gazetteers.OrganizationWords.ContainsWord(next)) return span;
        return span with { End = span.End + 1 };
    }

    internal static readonly Lazy<HashSet<string>> SurnameParticles =
        new(() => EmbeddedData.ReadLines("gazetteers/name-particles.txt").ToHashSet(StringComparer.Ordinal));

    private static bool IsOnlyTitle(IReadOnlyList<string> tokens, NerSpan span) =>
        Entities.NameForms.LeadingTitleLength(Enumerable.Range(span.Start, span.Length).Select(i => tokens[i]).ToList()) == span.Length;

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

    private static bool IsInitial(string token) =>
        token.Length >= 2 && token[^1] == '.' && token.Where(char.IsLetter).All(char.IsUpper) && token.Count(char.IsLetter) <= 3;

    /// <summary>
    /// Recognises a whole document, sentence by sentence, then (for news) makes it consistent with itself: a name found in
    /// one sentence is found wherever else it appears uncovered ("Zelenskyy" alone after "Volodymyr Zelenskyy"),
    /// and a person's surname alone is that person.
    /// </summary>
    public List<List<RecognizedEntity>> RecognizeDocument(IReadOnlyList<IReadOnlyList<string>> sentences, string? domain = NerDomains.News,
        IReadOnlyList<IReadOnlyList<string?>?>? posTags = null)
    {
        var results = sentences.Select((s, i) => Recognize(s, posTags?[i], domain)).ToList();
        var known = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        void Know(string text, string type)
        {
            if (!known.TryGetValue(text, out var types)) known[text] = types = new(StringComparer.Ordinal);
            types[type] = types.GetValueOrDefault(type) + 1;
        }
        int longest = 1;
        for (int s = 0; s < sentences.Count; s++)
            foreach (var e in results[s])
            {
                if (e.Type == EntityTypes.Nationality) continue;
                Know(string.Join(' ', Enumerable.Range(e.Start, e.End - e.Start).Select(i => sentences[s][i])), e.Type);
                longest = Math.Max(longest, e.End - e.Start);
                if (e.Type == EntityTypes.Person && e.End - e.Start > 1 && sentences[s][e.End - 1].Length > 2) Know(sentences[s][e.End - 1], EntityTypes.Person);
            }
        // News names its subjects the same way throughout an article; legal filings capitalise defined terms
        // ("the Bank") that are names only some of the time, and spreading them there costs precision (measured
        // on the SEC filings), so the pass is for news.
        if (known.Count == 0 || domain != NerDomains.News) return results;
        var typeOf = known.ToDictionary(k => k.Key, k => k.Value.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).First().Key, StringComparer.Ordinal);
        for (int s = 0; s < sentences.Count; s++)
        {
            var tokens = sentences[s];
            var covered = new bool[tokens.Count];
            foreach (var e in results[s]) for (int k = e.Start; k < e.End; k++) covered[k] = true;
            bool added = false;
            for (int i = 0; i < tokens.Count; i++)
            {
                if (covered[i] || tokens[i].Length < 2 || !char.IsUpper(tokens[i][0])) continue;
                for (int n = Math.Min(longest, tokens.Count - i); n >= 1; n--)
                {
                    if (Enumerable.Range(i, n).Any(k => covered[k])) continue;
                    // A match must not cut a longer capitalised name in two ("Trump" inside "Trump Tower").
                    if (i + n < tokens.Count && tokens[i + n].Length > 0 && char.IsUpper(tokens[i + n][0])) continue;
                    if (i > 1 && tokens[i - 1].Length > 0 && char.IsUpper(tokens[i - 1][0]) && !Gazetteers.Titles.ContainsWord(tokens[i - 1])) continue;
                    var text = string.Join(' ', Enumerable.Range(i, n).Select(k => tokens[k]));
                    if (!typeOf.TryGetValue(text, out var type)) continue;

                    results[s].Add(new RecognizedEntity(i, i + n, type));
                    for (int k = i; k < i + n; k++) covered[k] = true;
                    added = true;
                    break;
                }
            }
            if (added) results[s].Sort((a, b) => a.Start.CompareTo(b.Start));
        }
        return results;
    }

    private static readonly Lazy<Pos.PosTagger?> _tagger = new(() => Pos.PosTagger.Shipped.TryGetValue(out var t) ? t : null);

    /// <summary>Penn tags from the shipped POS tagger, for callers that have words but no tags.</summary>
    public static string?[]? PennTags(IReadOnlyList<string> tokens) => _tagger.Value?.Tag(tokens).Penn;

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
