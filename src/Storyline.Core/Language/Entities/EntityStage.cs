using System.Collections.Immutable;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Language.Entities;

/// <summary>
/// Makes entities canonical across articles: the per-article entities of the ner stage are merged into one
/// <see cref="CanonicalEntity"/> each, with the fullest common name, its type, aliases, articles and mention
/// count, and every mention's EntityId is rewritten to the shared id.
/// People merge when their surnames agree (spelling variants included) and their given names are compatible;
/// a bare surname joins the full name of that surname seen most often. Other entities merge by name and alias.
/// </summary>
public sealed class EntityStage : ICollectionStage
{
    public string Name => "entities";

    public Analysis Process(Analysis analysis)
    {
        // Articles loaded from a store carry the ids of an earlier run: link each article afresh.
        var relinked = analysis.Articles.Select(a => a.Mentions.IsEmpty ? a : ArticleEntityLinker.Apply(a)).ToImmutableArray();
        analysis = analysis with { Articles = WithKnownSurnames(relinked) };
        var clusters = new List<Cluster>();
        var local = new List<(AnalyzedArticle Article, ArticleEntity Entity)>();
        foreach (var article in analysis.Articles)
            foreach (var entity in ArticleEntityLinker.Link(article)) local.Add((article, entity));

        // The recogniser's type is a vote, not a verdict: a name the alias table knows takes the table's type, and a
        // name typed ORG or GPE in one article that another article gives as a person's full name is that person.
        var people = local.Where(x => x.Entity.Type == EntityTypes.Person && x.Entity.Name.Length > 1).Select(x => x.Entity.Name).ToList();
        local = local.Select(x =>
        {
            var name = string.Join(' ', x.Entity.Name);
            if (NameForms.AliasType(name) is { } known && known != x.Entity.Type) return (x.Article, x.Entity with { Type = known });
            if (x.Entity.Type is EntityTypes.Organization or EntityTypes.Gpe or EntityTypes.Location && x.Entity.Name.Length > 1
                && people.Any(p => NameForms.SameName(p[^1], x.Entity.Name[^1]) && NameForms.CompatibleGiven(p[0], x.Entity.Name[0])))
                return (x.Article, x.Entity with { Type = EntityTypes.Person });
            return x;
        }).ToList();
        // A bare name that is the surname of someone named in full elsewhere ("Zelensky" typed ORG) follows.
        var surnames = local.Where(x => x.Entity.Type == EntityTypes.Person && x.Entity.Name.Length > 1).Select(x => x.Entity.Name[^1]).ToList();
        local = local.Select(x => x.Entity.Type is EntityTypes.Organization or EntityTypes.Gpe && x.Entity.Name.Length == 1
            && surnames.Any(s => NameForms.SameName(s, x.Entity.Name[0])) && !ArticleEntityLinker.IsPlaceName(x.Entity.Name)
                ? (x.Article, x.Entity with { Type = EntityTypes.Person }) : x).ToList();

        var assignment = new Dictionary<string, Cluster>(StringComparer.Ordinal);
        // Full names first, so that bare surnames find the people they belong to.
        foreach (var (article, entity) in local.Where(x => x.Entity.Type == EntityTypes.Person).OrderByDescending(x => x.Entity.Name.Length > 1))
        {
            var cluster = FindPerson(clusters, entity.Name) ?? AddCluster(clusters, EntityTypes.Person, entity.Name);
            Join(cluster, article, entity, assignment);
        }
        foreach (var (article, entity) in local.Where(x => x.Entity.Type != EntityTypes.Person))
        {
            var key = ArticleEntityLinker.OtherKey(entity.Type, entity.Name);
            var family = TypeFamily(entity.Type);
            // Places and organisations match by name across the two families: the recogniser does not always agree
            // with itself on "North Atlantic Treaty Organization" (ORG) versus a place.
            var cluster = clusters.FirstOrDefault(c => c.Key == key && (c.Family == family || (c.Family != EntityTypes.Nationality && family != EntityTypes.Nationality && c.Family != EntityTypes.Person)))
                ?? AddCluster(clusters, entity.Type, entity.Name, key);
            Join(cluster, article, entity, assignment);
        }

        var perCluster = clusters.Select(c => c.ToEntity()).ToList();
        var idOf = clusters.Zip(perCluster).ToDictionary(p => p.First, p => p.Second.Id);
        // Clusters that end with the same canonical name and type are one entity (ids are derived from both).
        var entities = perCluster.GroupBy(e => e.Id).Select(g => g.Count() == 1 ? g.First() : g.First() with
        {
            Aliases = [.. g.SelectMany(e => e.Aliases).Distinct().Where(a => a != g.First().Name).Order(StringComparer.Ordinal)],
            ArticleIds = [.. g.SelectMany(e => e.ArticleIds).Distinct().Order(StringComparer.Ordinal)],
            MentionCount = g.Sum(e => e.MentionCount),
        }).ToList();
        var articles = analysis.Articles.Select(article =>
        {
            if (article.Mentions.IsEmpty) return article;
            return article with
            {
                Mentions = [.. article.Mentions.Select(m => m.EntityId is { } id && assignment.TryGetValue(id, out var c) ? m with { EntityId = idOf[c] } : m)],
            };
        }).ToImmutableArray();
        return analysis with
        {
            Articles = articles,
            Entities = [.. entities.OrderByDescending(e => e.MentionCount).ThenBy(e => e.Name, StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Articles of one collection name the same people: a surname that another article gives in full ("Emmanuel
    /// Macron") is that person where the recogniser missed it ("a meeting with Macron"). Only capitalised words
    /// standing alone (not inside a longer capitalised name) are added.
    /// </summary>
    private static ImmutableArray<AnalyzedArticle> WithKnownSurnames(ImmutableArray<AnalyzedArticle> articles)
    {
        var surnames = articles.SelectMany(a => a.Mentions.Where(m => m.Type == EntityTypes.Person))
            .Select(m => NameForms.NameTokens(m.Text)).Where(n => n.Length >= 2 && n[^1].Length >= 3 && char.IsUpper(n[^1][0]))
            .Select(n => n[^1]).ToHashSet(StringComparer.Ordinal);
        if (surnames.Count == 0) return articles;
        return [.. articles.Select(article =>
        {
            var tokens = article.Tokens;
            if (tokens.IsEmpty) return article;
            var added = new List<EntityMention>();
            int next = 0;
            var mentions = article.Mentions.OrderBy(m => m.Start).ToList();
            for (int i = 0; i < tokens.Length; i++)
            {
                var t = tokens[i];
                while (next < mentions.Count && mentions[next].End <= t.Start) next++;
                if (next < mentions.Count && mentions[next].Start < t.End) continue;
                if (!surnames.Contains(t.Text)) continue;
                bool capitalisedBefore = i > 0 && IsCapitalisedWord(tokens[i - 1].Text) && !Ner.Gazetteers.Titles.ContainsWord(tokens[i - 1].Text) && !IsSentenceStart(article, tokens[i - 1].Start);
                bool capitalisedAfter = i + 1 < tokens.Length && IsCapitalisedWord(tokens[i + 1].Text) && !IsSentenceStart(article, tokens[i + 1].Start);
                if (capitalisedBefore || capitalisedAfter) continue;
                added.Add(new EntityMention(t.Start, t.End, t.Text, EntityTypes.Person));
            }
            if (added.Count == 0) return article;
            return ArticleEntityLinker.Apply(article with { Mentions = [.. article.Mentions.Concat(added).OrderBy(m => m.Start)] });
        })];
    }

    private static bool IsCapitalisedWord(string text) => text.Length > 0 && char.IsUpper(text[0]);

    private static bool IsSentenceStart(AnalyzedArticle article, int offset) => article.Sentences.Any(s => s.Start == offset);

    private static string TypeFamily(string type) => type is EntityTypes.Gpe or EntityTypes.Location ? "place" : type;

    private static Cluster AddCluster(List<Cluster> clusters, string type, string[] name, string? key = null)
    {
        var c = new Cluster(type, name, key ?? "");
        clusters.Add(c);
        return c;
    }

    private static void Join(Cluster cluster, AnalyzedArticle article, ArticleEntity entity, Dictionary<string, Cluster> assignment)
    {
        assignment[entity.LocalId] = cluster;
        cluster.Articles.Add(article.Article.Id);
        cluster.Types[entity.Type] = cluster.Types.GetValueOrDefault(entity.Type) + entity.Mentions.Length;
        foreach (var index in entity.Mentions)
        {
            var form = string.Join(' ', NameForms.NameTokens(article.Mentions[index].Text));
            if (form.Length > 0) cluster.Forms[form] = cluster.Forms.GetValueOrDefault(form) + 1;
            cluster.MentionCount++;
        }
        var full = string.Join(' ', entity.Name);
        cluster.Forms.TryAdd(full, 0);
        if (cluster.Family == EntityTypes.Person && entity.Name.Length > cluster.Name.Length) cluster.Name = entity.Name;
    }

    private static Cluster? FindPerson(List<Cluster> clusters, string[] name)
    {
        var persons = clusters.Where(c => c.Family == EntityTypes.Person && NameForms.SameName(c.Name[^1], name[^1])).ToList();
        if (name.Length == 1)
        {
            var bySurname = persons.OrderByDescending(c => c.Name.Length > 1).ThenByDescending(c => c.MentionCount).FirstOrDefault();
            if (bySurname is not null) return bySurname;
            // A given name alone ("Tucker") belongs to the one person known by it, if there is only one.
            var byGiven = clusters.Where(c => c.Family == EntityTypes.Person && c.Name.Length > 1 && NameForms.SameName(c.Name[0], name[0])).ToList();
            return byGiven.Count == 1 ? byGiven[0] : null;
        }
        return persons.FirstOrDefault(c => c.Name.Length > 1 && NameForms.CompatibleGiven(c.Name[0], name[0]));
    }

    private static readonly string[] TypePreference = [EntityTypes.Person, EntityTypes.Organization, EntityTypes.Gpe, EntityTypes.Location, EntityTypes.Nationality];

    private sealed class Cluster(string type, string[] name, string key)
    {
        public string Family { get; } = TypeFamily(type);
        public string Key { get; } = key;
        public string[] Name { get; set; } = name;
        public Dictionary<string, int> Types { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Forms { get; } = new(StringComparer.Ordinal);
        public SortedSet<string> Articles { get; } = new(StringComparer.Ordinal);
        public int MentionCount { get; set; }

        public CanonicalEntity ToEntity()
        {
            // Ties go to the more specific type: an organisation's name also reads as a place more often than not.
            var type = Types.OrderByDescending(t => t.Value).ThenBy(t => Array.IndexOf(TypePreference, t.Key)).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key;
            var name = CanonicalName();
            var aliases = Forms.Keys.Where(f => f != name).Order(StringComparer.Ordinal).ToImmutableArray();
            return new CanonicalEntity("ent-" + Hashing.ContentHash(type + ":" + name), name, type, aliases, [.. Articles]) { MentionCount = MentionCount };
        }

        /// <summary>The fullest common form: the longest name, the most frequent among equally long ones.</summary>
        private string CanonicalName()
        {
            if (Family != EntityTypes.Person)
            {
                var alias = NameForms.Alias(Forms.Keys.First());
                if (alias is not null && Family != EntityTypes.Nationality) return alias;
                // Written as in running text rather than in a capitalised dateline ("Paris", not "PARIS").
                return Forms.OrderByDescending(f => f.Key.Any(char.IsLower)).ThenByDescending(f => f.Value).ThenByDescending(f => f.Key.Length)
                    .ThenBy(f => f.Key, StringComparer.Ordinal).First().Key;
            }
            int longest = Forms.Keys.Max(f => f.Split(' ').Length);
            return Forms.Where(f => f.Key.Split(' ').Length == longest)
                .OrderByDescending(f => f.Value).ThenByDescending(f => f.Key.Length).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key;
        }
    }
}

public static class EntityPipelineExtensions
{
    /// <summary>Merges the ner stage's per-article entities into canonical entities across the collection.</summary>
    public static PipelineBuilder UseEntities(this PipelineBuilder builder) => builder.Use(new EntityStage());
}
