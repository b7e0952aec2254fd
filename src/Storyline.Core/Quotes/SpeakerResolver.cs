using Storyline.Documents;
using Storyline.Language;
using Storyline.Language.Entities;
using Storyline.Language.Ner;

namespace Storyline.Quotes;

/// <summary>Who a source span names: the entity's name as the article gives it, and its entity id.</summary>
public readonly record struct ResolvedSpeaker(string Name, string? EntityId);

/// <summary>
/// Turns a source span into a speaker. A name resolves through its PERSON mention (the first non-possessive one in
/// the span, so "the Russian president's spokesperson, Dmitry Peskov" is Peskov); a role ("the president")
/// through <see cref="EntityResolver"/> from the ner branch. A pronoun ("he", "she") takes the most recent
/// compatible subject: going back sentence by sentence from the one the quote stands in, the first PERSON mention of
/// a sentence that is outside quotes and not a possessive ("Trump's special envoy, Steve Witkoff, has…" → Witkoff).
/// Gender is not checked (there is no gender lexicon), and "they", "I" and "we" are left unresolved.
/// </summary>
public static class SpeakerResolver
{
    private static readonly HashSet<string> SingularPronouns = new(StringComparer.OrdinalIgnoreCase) { "he", "she" };
    private const int SentencesBack = 6;

    /// <param name="earlier">Sources already resolved earlier in the article, with their speakers: the subject of an
    /// earlier attribution is the likeliest antecedent of a pronoun, even when the recogniser missed the name.</param>
    public static ResolvedSpeaker? Resolve(AnalyzedArticle article, TextSpan source, int quoteStart, IReadOnlyList<QuotedSpan> quotes,
        IReadOnlyList<(TextSpan Source, ResolvedSpeaker Speaker)>? earlier = null)
    {
        var text = article.Text;
        var words = source.Of(text).Trim();
        if (SingularPronouns.Contains(words)) return Antecedent(article, source, quoteStart, quotes, earlier ?? []);
        if (words is "who" or "Who")
        {
            // "Steve Witkoff, who said …": the person named just before the relative pronoun.
            var antecedent = PersonMentions(article).LastOrDefault(m => m.End <= source.Start && source.Start - m.End <= 3);
            return antecedent is null ? null : FromMention(article, antecedent);
        }

        var persons = article.Mentions.Where(m => m.Type == EntityTypes.Person && m.Start >= source.Start && m.End <= source.End && !IsPossessive(text, m.End)).ToList();
        if (persons.Count > 0) return FromMention(article, persons[0]);
        var named = article.Mentions.Where(m => m.Start >= source.Start && m.End <= source.End && !IsPossessive(text, m.End)).ToList();
        // A role description: the resolver looks at the phrase's head word ("the president", "the US envoy"), which
        // comes before an apposition or a relative clause ("The minister, who visited the port, …").
        int comma = text.IndexOf(',', source.Start, source.Length);
        int headEnd = comma > source.Start ? comma : source.End;
        // "Union leader Marijke de Vries", "Acme chief executive Jan Smit": an organisation that only qualifies a
        // role is not the speaker; the name after the role is, even when the recogniser missed it.
        if (named.Count > 0 && named[^1].Type is EntityTypes.Organization && TrailingName(text[named[^1].End..headEnd].Trim()) is { } after)
            return BySurname(article, after) ?? new ResolvedSpeaker(after, null);
        if (named.Count > 0 && named[^1].Type is EntityTypes.Organization) return FromMention(article, named[^1]);

        var head = article.Tokens.LastOrDefault(t => t.Start >= source.Start && t.End <= headEnd && char.IsLetter(t.Text[0]));
        if (head.Text is not null && article.Mentions.Length > 0 && EntityResolver.ResolveAt(article, head.Start) is { } reference && reference.Type == EntityTypes.Person)
            return new ResolvedSpeaker(reference.Name, reference.EntityId);
        if (named.Count > 0 && named[^1].Type != EntityTypes.Nationality) return FromMention(article, named[^1]);
        if (!LooksLikeName(words))
        {
            // "Marijke de Vries, a spokeswoman for the union, said": the name before the apposition, when the
            // recogniser missed it; else a name after a role ("Chief executive Pieter Janssen").
            var headPhrase = text[source.Start..headEnd].Trim();
            if (LooksLikeName(headPhrase)) words = headPhrase;
            else if (TrailingName(headPhrase) is { } name) words = name;
            else return null;
        }
        return BySurname(article, words) ?? new ResolvedSpeaker(words, null);
    }

    /// <summary>A name the recogniser missed after a lower-case role ("Chief executive Pieter Janssen" → Pieter
    /// Janssen): the capitalised words (and surname particles) that end the phrase, at least two of them.</summary>
    private static string? TrailingName(string phrase)
    {
        var parts = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int first = parts.Length;
        while (first > 0 && (IsCapitalised(parts[first - 1]) || (first < parts.Length && NameForms.IsSurnameParticle(parts[first - 1])))) first--;
        while (first < parts.Length && (NameForms.IsSurnameParticle(parts[first]) || Gazetteers.Titles.ContainsWord(parts[first]))) first++;
        return parts.Length - first >= 2 && first > 0 && !IsPossessiveWord(parts[first - 1]) ? string.Join(' ', parts[first..]) : null;
    }

    private static bool IsCapitalised(string word) => word.Length > 1 && char.IsUpper(word[0]) && !IsPossessiveWord(word);
    private static bool IsPossessiveWord(string word) => word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal);

    /// <summary>Resolves the person named in a span (a reported person: "Putin's comments" → Putin).</summary>
    public static string? NameIn(AnalyzedArticle article, TextSpan span)
    {
        var mention = article.Mentions.FirstOrDefault(m => m.Start >= span.Start && m.End <= span.End + 2 && m.Start < span.End);
        if (mention is not null) return FromMention(article, mention).Name;
        var words = span.Of(article.Text).Trim();
        return LooksLikeName(words) ? words : null;
    }

    /// <summary>A name the recogniser missed ("Witkoff") that ends like a person the article names elsewhere.</summary>
    private static ResolvedSpeaker? BySurname(AnalyzedArticle article, string words)
    {
        var surname = words.Split(' ')[^1];
        var entities = ArticleEntityLinker.Link(article).Where(e => e.Type == EntityTypes.Person && NameForms.SameName(e.Name[^1], surname)).ToList();
        if (entities.Count != 1) return null;
        return FromMention(article, article.Mentions[entities[0].Mentions[0]]);
    }

    private static ResolvedSpeaker? Antecedent(AnalyzedArticle article, TextSpan pronoun, int quoteStart, IReadOnlyList<QuotedSpan> quotes,
        IReadOnlyList<(TextSpan Source, ResolvedSpeaker Speaker)> earlier)
    {
        var persons = PersonMentions(article);
        var sentences = article.Sentences;
        int before = Math.Min(pronoun.Start, quoteStart);
        int current = -1;
        for (int s = 0; s < sentences.Length; s++) if (sentences[s].Start <= before) current = s;
        // A pronoun before its quote may point back into its own sentence ("Witkoff told Carlson …, which he
        // described as …"); after the quote, the quote's sentence holds only what was said.
        bool leading = pronoun.Start < quoteStart;
        for (int s = leading ? current : current - 1; s >= Math.Max(0, current - SentencesBack); s--)
        {
            if (s < 0) break;
            var sentence = sentences[s];
            int end = s == current ? pronoun.Start : sentence.End;
            var attributed = earlier.FirstOrDefault(e => e.Source.Start >= sentence.Start && e.Source.End <= end);
            if (attributed.Speaker.Name is not null) return attributed.Speaker;
            var subject = persons.FirstOrDefault(m => m.Start >= sentence.Start && m.End <= end
                && !IsPossessive(article.Text, m.End) && !quotes.Any(q => q.Start <= m.Start && m.End <= q.End));
            if (subject is not null) return FromMention(article, subject);
        }
        return null;
    }

    /// <summary>Mentions of people, including those the recogniser typed otherwise but the article links to a person.</summary>
    private static List<EntityMention> PersonMentions(AnalyzedArticle article)
    {
        var indices = ArticleEntityLinker.Link(article).Where(e => e.Type == EntityTypes.Person).SelectMany(e => e.Mentions).ToHashSet();
        return article.Mentions.Where((m, i) => m.Type == EntityTypes.Person || indices.Contains(i)).ToList();
    }

    public static bool IsPronoun(string words) => SingularPronouns.Contains(words.Trim());

    private static ResolvedSpeaker FromMention(AnalyzedArticle article, EntityMention mention)
    {
        var speaker = mention.EntityId is not null && EntityResolver.ResolveAt(article, mention.Start) is { } reference
            ? new ResolvedSpeaker(reference.Name, reference.EntityId)
            : new ResolvedSpeaker(mention.Text, mention.EntityId);
        return speaker.Name.Contains(' ') ? speaker : FullerName(article, speaker) ?? speaker;
    }

    /// <summary>A bare surname whose full name the recogniser typed otherwise ("Chancellor Angela Merkel" as one
    /// mention of another type): the one multi-word entity of the article ending with that name.</summary>
    private static ResolvedSpeaker? FullerName(AnalyzedArticle article, ResolvedSpeaker speaker)
    {
        var fuller = ArticleEntityLinker.Link(article)
            .Where(e => e.Name.Length > 1 && NameForms.SameName(e.Name[^1], speaker.Name) && e.Type is EntityTypes.Person or EntityTypes.Organization)
            .ToList();
        if (fuller.Count != 1) return null;
        var first = article.Mentions[fuller[0].Mentions[0]];
        return new ResolvedSpeaker(NameForms.NameTokens(first.Text) is { Length: > 1 } tokens && fuller[0].Type != EntityTypes.Person
            ? string.Join(' ', tokens.SkipWhile(t => Gazetteers.Titles.ContainsWord(t))) : fuller[0].DisplayName, speaker.EntityId ?? first.EntityId);
    }

    private static bool IsPossessive(string text, int end) =>
        end + 1 < text.Length && text[end] is '\'' or '’' && (text[end + 1] is 's' or 'S' || !char.IsLetter(text[end + 1]));

    private static bool LooksLikeName(string words)
    {
        var parts = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // "The Kremlin" and "The New York Times" are names; "The president" is not.
        // A surname particle may open the name ("de Vries") when a capitalised word follows it.
        return parts.Length is > 0 and <= 5 && parts.All(p => char.IsUpper(p[0]) || p is "of" or "for" or "and" || NameForms.IsSurnameParticle(p)) && char.IsUpper(parts[^1][0])
            && !SingularPronouns.Contains(parts[0])
            && parts[0] is not ("A" or "An" or "They" or "I" or "We" or "It" or "You") && !(parts[0] == "The" && parts.Length == 1);
    }
}
