using System.Collections.Immutable;
using Storyline.Documents;
using Storyline.Language.Ner;

namespace Storyline.Language.Entities;

/// <summary>What an expression in an article refers to.</summary>
/// <param name="EntityId">The mention's EntityId: the canonical id once the entities stage has run, else the article-local id.</param>
/// <param name="Name">The fullest name the article gives the entity.</param>
/// <param name="Span">The referring expression in the clean text ("the Russian president", "he", "Putin").</param>
/// <param name="Basis"><c>mention</c> (a name), <c>role</c> (a title the article tied to a person) or <c>pronoun</c>.</param>
public sealed record EntityReference(string EntityId, string Name, string Type, TextSpan Span, string Basis);

/// <summary>
/// Resolves what a name, a role description or a pronoun at a character offset refers to, using only what the
/// article itself establishes. Roles: "the Russian president", "the U.S. president", "the US envoy", "the
/// 47th president" resolve to the one person the article gave that title (with a matching country, when the
/// phrase names one; a title given without a country is the article's own, so "the U.S. president" finds
/// "President Donald Trump" when the only other president is Russian). Pronouns ("he", "his", "she", "her")
/// resolve only when exactly one person is named in the pronoun's sentence before it and the sentence before,
/// and otherwise return null rather than guess.
/// </summary>
public static class EntityResolver
{
    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase) { "he", "him", "his", "himself", "she", "her", "hers", "herself" };
    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase) { "the", "his", "her", "its", "their", "a", "an" };

    /// <summary>The canonical entity referred to at <paramref name="offset"/> of <paramref name="article"/>, or null.</summary>
    /// <remarks>With the whole analysis, a role one article gives a person ("the 47th president") also resolves in
    /// another article that names the same person without saying the role.</remarks>
    public static CanonicalEntity? ResolveAt(Analysis analysis, AnalyzedArticle article, int offset) =>
        ResolveAt(article, offset, RolesAcross(analysis)) is { } reference ? analysis.Entities.FirstOrDefault(e => e.Id == reference.EntityId) : null;

    /// <summary>What the expression at <paramref name="offset"/> refers to, or null when the article does not say.</summary>
    public static EntityReference? ResolveAt(AnalyzedArticle article, int offset) => ResolveAt(article, offset, null);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Analysis, Dictionary<string, List<Role>>> _roles = new();

    /// <summary>The roles every article of the analysis gives each canonical entity, by entity id.</summary>
    private static Dictionary<string, List<Role>> RolesAcross(Analysis analysis) => _roles.GetValue(analysis, a =>
    {
        var roles = new Dictionary<string, List<Role>>(StringComparer.Ordinal);
        foreach (var article in a.Articles)
            foreach (var entity in ArticleEntityLinker.Link(article))
            {
                if (entity.Roles.IsEmpty || article.Mentions[entity.Mentions[0]].EntityId is not { } id) continue;
                if (!roles.TryGetValue(id, out var list)) roles[id] = list = [];
                foreach (var role in entity.Roles) if (!list.Contains(role)) list.Add(role);
            }
        return roles;
    });

    private static EntityReference? ResolveAt(AnalyzedArticle article, int offset, Dictionary<string, List<Role>>? rolesElsewhere)
    {
        var entities = ArticleEntityLinker.Link(article);
        for (int i = 0; i < article.Mentions.Length; i++)
        {
            var m = article.Mentions[i];
            if (offset < m.Start || offset >= m.End) continue;
            var entity = entities.FirstOrDefault(e => e.Mentions.Contains(i));
            return entity is null ? null : Reference(article, entity, new TextSpan(m.Start, m.End), "mention");
        }
        var tokens = article.Tokens;
        int t = TokenAt(tokens, offset);
        if (t < 0) return null;
        if (Pronouns.Contains(tokens[t].Text)) return ResolvePronoun(article, entities, t);
        if (rolesElsewhere is not null)
            entities = entities.Select(e => article.Mentions[e.Mentions[0]].EntityId is { } id && rolesElsewhere.TryGetValue(id, out var more)
                ? e with { Roles = [.. e.Roles.Concat(more.Where(r => !e.Roles.Contains(r)))] } : e).ToList();
        return ResolveRole(article, entities, t);
    }

    /// <summary>Resolves the expression covering the span's first character (a convenience for callers holding spans).</summary>
    public static EntityReference? Resolve(AnalyzedArticle article, TextSpan span) => ResolveAt(article, span.Start);

    private static EntityReference Reference(AnalyzedArticle article, ArticleEntity entity, TextSpan span, string basis) =>
        new(article.Mentions[entity.Mentions[0]].EntityId ?? entity.LocalId, entity.DisplayName, entity.Type, span, basis);

    private static int TokenAt(ImmutableArray<Token> tokens, int offset)
    {
        int i = ArticleEntityLinker.FirstTokenAt(tokens, offset + 1) - 1;
        return i >= 0 && i < tokens.Length && tokens[i].Start <= offset && offset < tokens[i].End ? i : -1;
    }

    private static EntityReference? ResolvePronoun(AnalyzedArticle article, IReadOnlyList<ArticleEntity> entities, int tokenIndex)
    {
        var token = article.Tokens[tokenIndex];
        int sentence = SentenceOf(article, token.Start);
        int windowStart = sentence > 0 ? article.Sentences[sentence - 1].Start : sentence == 0 ? article.Sentences[0].Start : 0;
        var candidates = entities.Where(e => e.Type == EntityTypes.Person && e.Mentions.Any(i => article.Mentions[i].Start >= windowStart && article.Mentions[i].End <= token.Start)).ToList();
        return candidates.Count == 1 ? Reference(article, candidates[0], new TextSpan(token.Start, token.End), "pronoun") : null;
    }

    private static int SentenceOf(AnalyzedArticle article, int offset)
    {
        for (int s = 0; s < article.Sentences.Length; s++)
            if (offset >= article.Sentences[s].Start && offset < article.Sentences[s].End) return s;
        return -1;
    }

    private static EntityReference? ResolveRole(AnalyzedArticle article, IReadOnlyList<ArticleEntity> entities, int t)
    {
        var tokens = article.Tokens;
        // The offset may point at the start of the description ("the", "the Russian", "the 47th"): move to its title.
        int reach = t;
        while (reach < tokens.Length - 1 && reach - t < 4 && !Gazetteers.Titles.ContainsWord(tokens[reach].Text)
               && (Determiners.Contains(tokens[reach].Text) || IsOrdinal(tokens[reach].Text) || NameForms.IsQualifier(tokens[reach].Text)))
            reach++;
        t = reach;
        // The title phrase covering token t ("special envoy", "president").
        for (int start = Math.Max(0, t - 3); start <= t; start++)
            for (int n = Math.Min(4, tokens.Length - start); n >= 1; n--)
            {
                if (start + n <= t) continue;
                var words = Enumerable.Range(start, n).Select(x => tokens[x].Text).ToList();
                if (!Gazetteers.Titles.Contains(words, 0, n)) continue;
                // Only a description ("the Russian president"), not a title before a name ("President Putin").
                int after = start + n;
                if (after < tokens.Length && article.Mentions.Any(m => m.Start == tokens[after].Start && m.Type == EntityTypes.Person)) return null;
                int b = start - 1;
                string? qualifier = null;
                bool ordinal = false;
                while (b >= 0 && !Determiners.Contains(tokens[b].Text))
                {
                    var w = tokens[b].Text;
                    if (IsOrdinal(w)) ordinal = true;
                    else if (NameForms.IsQualifier(w)) qualifier ??= NameForms.QualifierKey(w);
                    else if (!(w.Length > 0 && char.IsUpper(w[0]))) break;
                    b--;
                }
                if (b < 0 || !Determiners.Contains(tokens[b].Text)) return null;
                var title = ArticleEntityLinker.TitleHead(words);
                var span = new TextSpan(tokens[b].Start, tokens[start + n - 1].End);
                var person = ByRole(article, entities, title, qualifier, tokens[b].Start);
                _ = ordinal; // an ordinal ("the 47th president") picks no one by itself; the title and country decide.
                return person is null ? null : Reference(article, person, span, "role");
            }
        return null;
    }

    private static bool IsOrdinal(string w) =>
        w.Length > 2 && char.IsDigit(w[0]) && (w.EndsWith("st") || w.EndsWith("nd") || w.EndsWith("rd") || w.EndsWith("th"));

    private static ArticleEntity? ByRole(AnalyzedArticle article, IReadOnlyList<ArticleEntity> entities, string title, string? qualifier, int before)
    {
        var holders = entities.Where(e => e.Type == EntityTypes.Person && e.Roles.Any(r => r.Title == title)).ToList();
        // Prefer people introduced before the description.
        var earlier = holders.Where(e => article.Mentions[e.Mentions[0]].Start < before).ToList();
        if (earlier.Count > 0) holders = earlier;
        if (holders.Count == 0) return null;
        if (qualifier is not null)
        {
            var matching = holders.Where(e => e.Roles.Any(r => r.Title == title && r.Qualifier == qualifier)).ToList();
            if (matching.Count == 1) return matching[0];
            if (matching.Count > 1) return null;
            var unqualified = holders.Where(e => e.Roles.Where(r => r.Title == title).All(r => r.Qualifier is null)).ToList();
            return unqualified.Count == 1 ? unqualified[0] : null;
        }
        if (holders.Count == 1) return holders[0];
        var plain = holders.Where(e => e.Roles.Where(r => r.Title == title).All(r => r.Qualifier is null)).ToList();
        return plain.Count == 1 ? plain[0] : null;
    }
}
