using System.Collections.Immutable;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime.Text;
using Storyline.Documents;
using Storyline.Language;
using Storyline.Quotes;
using Storyline.Time;

namespace Storyline.Storage;

/// <summary>The embedded default store: one SQLite file, created on first use, migrated on open.</summary>
public sealed class SqliteArticleStore : IArticleStore
{
    private readonly SqliteConnection _connection;

    private SqliteArticleStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and brings its schema up to date.</summary>
    public static Outcome<SqliteArticleStore> Open(string path)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null && !Directory.Exists(folder))
                return Outcome<SqliteArticleStore>.Fail($"cannot create the database: folder '{folder}' does not exist");
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            connection.Execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
            var store = new SqliteArticleStore(connection);
            store.Migrate();
            return Outcome<SqliteArticleStore>.Ok(store);
        }
        catch (SqliteException e)
        {
            return Outcome<SqliteArticleStore>.Fail($"cannot open the database '{path}': {e.Message}");
        }
    }

    public int SchemaVersion => _connection.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");

    private void Migrate()
    {
        _connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        int current = SchemaVersion;
        foreach (var (version, name, sql) in Migrations.All.Where(m => m.Version > current))
        {
            using var tx = _connection.BeginTransaction();
            _connection.Execute(sql, transaction: tx);
            _connection.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = DateTimeOffset.UtcNow.ToString("O") }, tx);
            tx.Commit();
        }
    }

    public bool HasInput(string contentHash) =>
        _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM inputs WHERE content_hash = @contentHash", new { contentHash }) > 0;

    public bool HasArticle(string articleId) =>
        _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles WHERE id = @articleId", new { articleId }) > 0;

    public void Save(StoreBatch batch)
    {
        using var tx = _connection.BeginTransaction();
        var now = DateTimeOffset.UtcNow.ToString("O");
        foreach (var input in batch.Inputs)
            _connection.Execute("INSERT OR IGNORE INTO inputs (content_hash, source, format, ingested_at) VALUES (@ContentHash, @Source, @Format, @now)",
                new { input.ContentHash, input.Source, input.Format, now }, tx);

        long seq = _connection.ExecuteScalar<long>("SELECT COALESCE(MAX(seq), 0) FROM articles", transaction: tx);
        var inputHashBySource = batch.Inputs.GroupBy(i => i.Source).ToDictionary(g => g.Key, g => g.First().ContentHash);
        foreach (var analyzed in batch.NewArticles)
        {
            var a = analyzed.Article;
            _connection.Execute("""
                INSERT OR IGNORE INTO articles (id, seq, input_hash, source, title, published, published_basis, published_reason, text,
                    span_start, span_end, metadata_json, removed_json, offsets_json, layers_json, ingested_at)
                VALUES (@Id, @seq, @inputHash, @Source, @Title, @published, @basis, @reason, @Text,
                    @spanStart, @spanEnd, @metadata, @removed, @offsets, @layers, @now)
                """,
                new
                {
                    a.Id, seq = ++seq, inputHash = inputHashBySource.GetValueOrDefault(a.Source, a.ContentHash), a.Source, a.Title,
                    published = a.Published.Iso, basis = a.Published.Basis, reason = a.Published.Reason, a.Text,
                    spanStart = a.SourceSpan.Start, spanEnd = a.SourceSpan.End,
                    metadata = StorageJson.Serialize(a.Metadata),
                    removed = StorageJson.Serialize(a.Removed),
                    offsets = StorageJson.Serialize(a.Offsets?.Pieces.Select(p => new[] { p.DerivedStart, p.SourceStart, p.Length }).ToArray() ?? []),
                    layers = StorageJson.Serialize(new StoredLayers(analyzed.Tokens, analyzed.Sentences, analyzed.Mentions, analyzed.Quotes, analyzed.TimeExpressions)),
                    now,
                }, tx);
        }
        ReplaceCollection(batch.Collection, tx);
        foreach (var (key, value) in batch.State)
            _connection.Execute("INSERT OR REPLACE INTO state (key, value) VALUES (@key, @value)", new { key, value }, tx);
        tx.Commit();
    }

    /// <summary>Collection-level results are recomputed over every article each run, so they are replaced whole.</summary>
    private void ReplaceCollection(Analysis analysis, SqliteTransaction tx)
    {
        _connection.Execute("DELETE FROM story_articles; DELETE FROM stories; DELETE FROM entities; DELETE FROM timeline; DELETE FROM near_duplicates; DELETE FROM article_results;", transaction: tx);
        foreach (var article in analysis.Articles)
            _connection.Execute("INSERT OR REPLACE INTO article_results (article_id, mentions_json, quotes_json) VALUES (@id, @mentions, @quotes)",
                new { id = article.Article.Id, mentions = StorageJson.Serialize(article.Mentions), quotes = StorageJson.Serialize(article.Quotes) }, tx);
        int seq = 0;
        foreach (var story in analysis.Stories)
        {
            _connection.Execute("INSERT INTO stories (id, seq, title) VALUES (@Id, @seq, @Title)", new { story.Id, seq = ++seq, story.Title }, tx);
            foreach (var articleId in story.ArticleIds)
                _connection.Execute("INSERT OR IGNORE INTO story_articles (story_id, article_id) VALUES (@storyId, @articleId)", new { storyId = story.Id, articleId }, tx);
        }
        seq = 0;
        foreach (var e in analysis.Entities)
            _connection.Execute("INSERT INTO entities (id, seq, name, type, aliases_json, articles_json, mentions) VALUES (@Id, @seq, @Name, @Type, @aliases, @articles, @MentionCount)",
                new { e.Id, seq = ++seq, e.Name, e.Type, aliases = StorageJson.Serialize(e.Aliases), articles = StorageJson.Serialize(e.ArticleIds), e.MentionCount }, tx);
        seq = 0;
        foreach (var t in analysis.Timeline)
            _connection.Execute("INSERT INTO timeline (story_id, seq, date, text, articles_json, evidence_json) VALUES (@StoryId, @seq, @Date, @Text, @articles, @evidence)",
                new
                {
                    t.StoryId, seq = ++seq, t.Date, t.Text, articles = StorageJson.Serialize(t.ArticleIds),
                    evidence = StorageJson.Serialize(t.Evidence.Select(e => new StoredEvidence(e.ArticleId, e.Span.Start, e.Span.End)).ToArray()),
                }, tx);
        foreach (var (duplicate, original, similarity) in analysis.NearDuplicates)
            _connection.Execute("INSERT OR IGNORE INTO near_duplicates (duplicate, original, similarity) VALUES (@duplicate, @original, @similarity)",
                new { duplicate, original, similarity }, tx);
    }

    public bool CollectionIsStale =>
        _connection.ExecuteScalar<long>("SELECT EXISTS(SELECT 1 FROM articles) AND NOT EXISTS(SELECT 1 FROM article_results)") == 1;

    public IReadOnlyList<AnalyzedArticle> LoadArticles() =>
        _connection.Query<ArticleRow>("SELECT * FROM articles ORDER BY seq").Select(ToAnalyzed).ToList();

    public Analysis LoadAnalysis()
    {
        var results = _connection.Query<(string ArticleId, string Mentions, string Quotes)>("SELECT article_id, mentions_json, quotes_json FROM article_results")
            .ToDictionary(r => r.ArticleId, StringComparer.Ordinal);
        var articles = LoadArticles().Select(a => results.TryGetValue(a.Article.Id, out var r)
            ? a with { Mentions = StorageJson.Deserialize<ImmutableArray<EntityMention>>(r.Mentions), Quotes = StorageJson.Deserialize<ImmutableArray<Quote>>(r.Quotes) }
            : a).ToImmutableArray();
        var members = _connection.Query<(string StoryId, string ArticleId)>(
                "SELECT sa.story_id, sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id ORDER BY a.seq")
            .ToLookup(m => m.StoryId, m => m.ArticleId);
        var stories = _connection.Query<(string Id, string Title)>("SELECT id, title FROM stories ORDER BY seq")
            .Select(s => new Story(s.Id, s.Title, members[s.Id].ToImmutableArray())).ToImmutableArray();
        var entities = _connection.Query<EntityRow>("SELECT * FROM entities ORDER BY seq")
            .Select(e => new CanonicalEntity(e.id, e.name, e.type, StorageJson.Deserialize<ImmutableArray<string>>(e.aliases_json), StorageJson.Deserialize<ImmutableArray<string>>(e.articles_json)) { MentionCount = (int)e.mentions })
            .ToImmutableArray();
        var timeline = _connection.Query<TimelineRow>("SELECT * FROM timeline ORDER BY story_id, seq")
            .Select(t => new TimelineEntry(t.story_id, t.date, t.text, StorageJson.Deserialize<ImmutableArray<string>>(t.articles_json))
            {
                Evidence = StorageJson.Deserialize<StoredEvidence[]>(t.evidence_json).Select(e => (e.Article, new TextSpan(e.Start, e.End))).ToImmutableArray(),
            })
            .ToImmutableArray();
        var duplicates = _connection.Query<(string, string, double)>("SELECT duplicate, original, similarity FROM near_duplicates ORDER BY duplicate").ToImmutableArray();
        return new Analysis(articles) { Stories = stories, Entities = entities, Timeline = timeline, NearDuplicates = duplicates };
    }

    public byte[]? LoadState(string key) =>
        _connection.ExecuteScalar<byte[]?>("SELECT value FROM state WHERE key = @key", new { key });

    /// <summary>Article ids whose title or text match a full-text query (FTS5 syntax).</summary>
    public IReadOnlyList<string> Search(string query) =>
        _connection.Query<string>("SELECT a.id FROM article_search s JOIN articles a ON a.rowid = s.rowid WHERE article_search MATCH @query ORDER BY rank", new { query }).ToList();

    private static AnalyzedArticle ToAnalyzed(ArticleRow r)
    {
        var published = new PublicationDate(
            r.published is null ? null : LocalDatePattern.Iso.Parse(r.published).GetValueOrThrow(), r.published_basis, r.published_reason);
        var pieces = StorageJson.Deserialize<int[][]>(r.offsets_json).Select(p => (p[0], p[1], p[2])).ToList();
        var article = new Article(r.id, r.source, r.title, r.text, published, new TextSpan((int)r.span_start, (int)r.span_end),
            StorageJson.Deserialize<List<RemovedPart>>(r.removed_json), StorageJson.Deserialize<DocumentMetadata>(r.metadata_json))
        {
            Offsets = new OffsetMap(pieces),
        };
        var layers = StorageJson.Deserialize<StoredLayers>(r.layers_json);
        return new AnalyzedArticle(article)
        {
            Tokens = layers.Tokens.IsDefault ? [] : layers.Tokens,
            Sentences = layers.Sentences.IsDefault ? [] : layers.Sentences,
            Mentions = layers.Mentions.IsDefault ? [] : layers.Mentions,
            Quotes = layers.Quotes.IsDefault ? [] : layers.Quotes,
            TimeExpressions = layers.TimeExpressions.IsDefault ? [] : layers.TimeExpressions,
        };
    }

    public void Dispose() => _connection.Dispose();

    private sealed record StoredLayers(
        ImmutableArray<Token> Tokens, ImmutableArray<Sentence> Sentences, ImmutableArray<EntityMention> Mentions,
        ImmutableArray<Quote> Quotes, ImmutableArray<TimeExpression> TimeExpressions);

    private sealed record StoredEvidence(string Article, int Start, int End);

#pragma warning disable IDE1006 // Dapper maps columns by name
    private sealed record ArticleRow(string id, long seq, string input_hash, string source, string? title, string? published, string published_basis,
        string? published_reason, string text, long span_start, long span_end, string metadata_json, string removed_json, string offsets_json,
        string layers_json, string ingested_at);

    private sealed record EntityRow(string id, long seq, string name, string type, string aliases_json, string articles_json, long mentions);

    private sealed record TimelineRow(string story_id, long seq, string date, string text, string articles_json, string evidence_json);
#pragma warning restore IDE1006
}
