using System.Collections.Immutable;
using Storyline.Documents;
using Storyline.Language.Ner;

namespace Storyline.Language.Entities;

/// <summary>A role an article gives a person: "Russian President Vladimir Putin" → (president, russia).</summary>
/// <param name="Title">The title's head word, normalised: president, envoy, spokesperson, secretary…</param>
/// <param name="Qualifier">The country or nationality it is qualified by, as a <see cref="NameForms.QualifierKey"/>, or null.</param>
public readonly record struct Role(string Title, string? Qualifier);

/// <summary>The mentions of one entity within one article, with the fullest name the article gives it.</summary>
public sealed record ArticleEntity(string LocalId, string Type, string[] Name, ImmutableArray<int> Mentions, ImmutableArray<Role> Roles)
{
    public string DisplayName => string.Join(' ', Name);
}

/// <summary>
/// Groups one article's mentions into entities: "Vladimir Putin", "Putin" and "President Putin" are one person;
/// "Mary Trump" is not "Donald Trump" (different given names); a bare surname joins the person of that surname
/// named most often so far. Places and organisations group by name, folding aliases ("U.S." = "United States").
/// It also reads the roles the article gives people, from titles before a name ("Russian President Vladimir
/// Putin", "Trump's special envoy, Steve Witkoff") or an apposition after it ("Dmitry Peskov, the Kremlin
/// spokesperson"), which <see cref="EntityResolver"/> uses to resolve "the Russian president".
/// </summary>
public static class ArticleEntityLinker
{
    /// <summary>
    /// The article with each grouped mention's EntityId set to its article-local entity, and its type corrected
    /// by the grouping ("Putin" tagged ORG in one sentence is the person named elsewhere).
    /// </summary>
    public static AnalyzedArticle Apply(AnalyzedArticle article)
    {
        var linked = article.Mentions.ToArray();
        foreach (var entity in Link(article))
            foreach (var m in entity.Mentions) linked[m] = linked[m] with { EntityId = entity.LocalId, Type = entity.Type };
        return article with { Mentions = [.. linked] };
    }

    public static IReadOnlyList<ArticleEntity> Link(AnalyzedArticle article)
    {
        var mentions = article.Mentions;
        var groups = new List<Group>();
        var names = mentions.Select(m => NameForms.NameTokens(m.Text)).ToArray();
        // A name the recogniser typed as a place or organisation in one sentence but as a person in another
        // ("Sergey Lavrov" / "Lavrov") is the person, unless it is a known place name.
        var surnames = mentions.Select((m, i) => (m, i)).Where(x => x.m.Type == EntityTypes.Person && names[x.i].Length > 0)
            .Select(x => names[x.i][^1]).ToList();
        for (int i = 0; i < mentions.Length; i++)
        {
            var m = mentions[i];
            var name = names[i];
            if (name.Length == 0) continue;
            var type = m.Type;
            if (type != EntityTypes.Person && type != EntityTypes.Nationality && surnames.Any(s => NameForms.SameName(s, name[^1])) && !IsPlaceName(name))
                type = EntityTypes.Person;
            var group = type == EntityTypes.Person ? FindPerson(groups, name, i) : FindOther(groups, type, name);
            if (group is null)
            {
                group = new Group(type, name);
                groups.Add(group);
            }
            else if (name.Length > group.Name.Length && group.Type == EntityTypes.Person) group.Name = name;
            group.Mentions.Add(i);
            if (group.Type == EntityTypes.Person && RoleAround(article, m) is { } role && !group.Roles.Contains(role)) group.Roles.Add(role);
        }
        // The local id names the group's first mention by its offset, not the group by its rank: a later stage that
        // adds mentions (the entities stage's known surnames) changes the ranks, while that mention stays put.
        return groups.Select(g => new ArticleEntity($"{article.Article.Id}:{mentions[g.Mentions[0]].Start}", g.Type, g.Name, [.. g.Mentions], [.. g.Roles])).ToList();
    }

    private sealed class Group(string type, string[] name)
    {
        public string Type { get; } = type;
        public string[] Name { get; set; } = name;
        public string Surname => Name[^1];
        public string? Given => Name.Length > 1 ? Name[0] : null;
        public List<int> Mentions { get; } = [];
        public List<Role> Roles { get; } = [];
    }

    private static Group? FindPerson(List<Group> groups, string[] name, int mentionIndex)
    {
        var persons = groups.Where(g => g.Type == EntityTypes.Person).ToList();
        if (name.Length == 1)
        {
            var token = name[0];
            // A bare name: a surname (most often), or the given name of someone already named in full.
            var bySurname = persons.Where(g => NameForms.SameName(g.Surname, token)).ToList();
            if (bySurname.Count > 0) return bySurname.OrderByDescending(g => g.Mentions.Count).ThenByDescending(g => g.Mentions[^1]).First();
            var byGiven = persons.Where(g => g.Given is { } given && NameForms.SameName(given, token)).ToList();
            return byGiven.Count == 1 ? byGiven[0] : null;
        }
        var surname = name[^1];
        var given = name[0];
        var sameSurname = persons.Where(g => NameForms.SameName(g.Surname, surname)).ToList();
        var full = sameSurname.FirstOrDefault(g => g.Given is { } gg && NameForms.CompatibleGiven(gg, given));
        if (full is not null) return full;
        // A surname-only group takes the first full name that comes along, unless another full name of that
        // surname is already known (then the bare mentions stay with whoever they were given to).
        var bare = sameSurname.FirstOrDefault(g => g.Given is null);
        if (bare is not null && sameSurname.All(g => g.Given is null)) return bare;
        return null;
    }

    private static Group? FindOther(List<Group> groups, string type, string[] name)
    {
        var key = OtherKey(type, name);
        return groups.FirstOrDefault(g => g.Type == type && OtherKey(g.Type, g.Name) == key);
    }

    internal static bool IsPlaceName(string[] name) =>
        Gazetteers.Countries.Contains(name, 0, name.Length) || Gazetteers.Cities.Contains(name, 0, name.Length) || Gazetteers.Regions.Contains(name, 0, name.Length);

    /// <summary>The key places and organisations are grouped by, within and across articles.</summary>
    public static string OtherKey(string type, IReadOnlyList<string> name)
    {
        var text = string.Join(' ', name);
        if (type == EntityTypes.Nationality) return NameForms.Key(text);
        return NameForms.Key(NameForms.Alias(text) is { } canonical && !Gazetteers.Demonyms.ContainsWord(text) ? canonical : text);
    }

    private static readonly Dictionary<string, string> TitleSynonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["spokesman"] = "spokesperson", ["spokeswoman"] = "spokesperson", ["chairman"] = "chair", ["chairwoman"] = "chair",
        ["advisor"] = "adviser", ["ceo"] = "chief executive", ["officer"] = "chief executive",
    };

    /// <summary>The title's head word: "special envoy" → envoy, "Press Secretary" → secretary.</summary>
    public static string TitleHead(IReadOnlyList<string> titleTokens)
    {
        var last = titleTokens[^1];
        if (last.StartsWith("then-", StringComparison.OrdinalIgnoreCase)) last = last[5..];
        var key = NameForms.Key(last);
        return TitleSynonyms.GetValueOrDefault(key, key);
    }

    /// <summary>The role the text around a person mention gives: a title before it or an apposition after it.</summary>
    private static Role? RoleAround(AnalyzedArticle article, EntityMention mention)
    {
        var tokens = article.Tokens;
        if (tokens.IsEmpty) return null;
        int first = FirstTokenAt(tokens, mention.Start);
        int last = FirstTokenAt(tokens, mention.End) - 1;
        if (first < 0) return null;
        // A title inside the mention itself ("President Putin" recognised as one name).
        var inside = mention.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int insideTitle = NameForms.LeadingTitleLength(inside);
        if (insideTitle > 0 && insideTitle < inside.Length)
        {
            var titleTokens = inside.Take(insideTitle).ToList();
            string? qualifier = null;
            if (titleTokens.Count > 1 && NameForms.IsQualifier(StripThen(titleTokens[0]))) { qualifier = NameForms.QualifierKey(StripThen(titleTokens[0])); titleTokens.RemoveAt(0); }
            qualifier ??= QualifierBefore(tokens, first - 1);
            return new Role(TitleHead(titleTokens), qualifier);
        }
        // Before: "[qualifier] title [,] Name".
        int j = first - 1;
        if (j >= 0 && tokens[j].Text == ",") j--;
        if (TitleEndingAt(tokens, j) is { } title)
            return new Role(TitleHead(title.Words), title.Qualifier ?? QualifierBefore(tokens, j - title.Words.Count));
        // After: "Name, [the] [qualifier] title".
        int k = last + 1;
        if (k < tokens.Length && tokens[k].Text == ",")
        {
            k++;
            if (k < tokens.Length && tokens[k].Text.Equals("the", StringComparison.OrdinalIgnoreCase)) k++;
            string? qualifier = null;
            if (k < tokens.Length && NameForms.IsQualifier(tokens[k].Text) && !Gazetteers.Titles.ContainsWord(tokens[k].Text)) { qualifier = NameForms.QualifierKey(tokens[k].Text); k++; }
            for (int n = Math.Min(3, tokens.Length - k); n >= 1; n--)
            {
                var words = Enumerable.Range(k, n).Select(x => tokens[x].Text).ToList();
                if (Gazetteers.Titles.Contains(words, 0, n) && (k + n >= tokens.Length || tokens[k + n].Text is "," or "." or "said" or "says" or ";"))
                    return new Role(TitleHead(words), qualifier);
            }
        }
        return null;
    }

    private static string StripThen(string token) => token.StartsWith("then-", StringComparison.OrdinalIgnoreCase) ? token[5..] : token;

    private static (List<string> Words, string? Qualifier)? TitleEndingAt(ImmutableArray<Token> tokens, int end)
    {
        if (end < 0) return null;
        for (int n = Math.Min(4, end + 1); n >= 1; n--)
        {
            var words = Enumerable.Range(end - n + 1, n).Select(x => StripThen(tokens[x].Text)).ToList();
            if (!Gazetteers.Titles.Contains(words, 0, n)) continue;
            // Titles before a name are capitalised ("President", "special envoy" is the exception in news style).
            return (words, null);
        }
        return null;
    }

    private static string? QualifierBefore(ImmutableArray<Token> tokens, int index)
    {
        if (index < 0) return null;
        var text = StripThen(tokens[index].Text);
        return NameForms.IsQualifier(text) && !Gazetteers.Titles.ContainsWord(text) ? NameForms.QualifierKey(text) : null;
    }

    /// <summary>The index of the first token starting at or after <paramref name="offset"/>.</summary>
    internal static int FirstTokenAt(ImmutableArray<Token> tokens, int offset)
    {
        int lo = 0, hi = tokens.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (tokens[mid].Start < offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
