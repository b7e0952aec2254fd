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
        var clusters = new List<Cluster>();
        var local = new List<(AnalyzedArticle Article, ArticleEntity Entity)>();
        foreach (var article in analysis.Articles)
            foreach (var entity in ArticleEntityLinker.Link(article)) local.Add((article, entity));

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
            var cluster = clusters.FirstOrDefault(c => c.Family == family && c.Key == key) ?? AddCluster(clusters, entity.Type, entity.Name, key);
            Join(cluster, article, entity, assignment);
        }

        var entities = clusters.Select(c => c.ToEntity()).ToList();
        var idOf = clusters.Zip(entities).ToDictionary(p => p.First, p => p.Second.Id);
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
            return persons.OrderByDescending(c => c.Name.Length > 1).ThenByDescending(c => c.MentionCount).FirstOrDefault();
        return persons.FirstOrDefault(c => c.Name.Length > 1 && NameForms.CompatibleGiven(c.Name[0], name[0]));
    }

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
            var type = Types.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key;
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
                return Forms.OrderByDescending(f => f.Value).ThenByDescending(f => f.Key.Length).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key;
            }
            int longest = Forms.Keys.Max(f => f.Split(' ').Length);
            return Forms.Where(f => f.Key.Split(' ').Length == longest)
                .OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key;
        }
    }
}

public static class EntityPipelineExtensions
{
    /// <summary>Merges the ner stage's per-article entities into canonical entities across the collection.</summary>
    public static PipelineBuilder UseEntities(this PipelineBuilder builder) => builder.Use(new EntityStage());
}
