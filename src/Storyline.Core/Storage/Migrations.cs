namespace Storyline.Storage;

/// <summary>
/// The SQLite schema as an ordered list of migrations. A database records the versions it has applied in
/// <c>schema_migrations</c>; opening it applies the missing ones in order, in one transaction each.
/// Never edit a published migration: add a new one.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<(int Version, string Name, string Sql)> All =
    [
        (1, "initial schema", """
            CREATE TABLE inputs (
                content_hash TEXT PRIMARY KEY,
                source       TEXT NOT NULL,
                format       TEXT NOT NULL,
                ingested_at  TEXT NOT NULL
            );
            CREATE TABLE articles (
                id               TEXT PRIMARY KEY,
                seq              INTEGER NOT NULL,
                input_hash       TEXT NOT NULL REFERENCES inputs(content_hash),
                source           TEXT NOT NULL,
                title            TEXT,
                published        TEXT,
                published_basis  TEXT NOT NULL,
                published_reason TEXT,
                text             TEXT NOT NULL,
                span_start       INTEGER NOT NULL,
                span_end         INTEGER NOT NULL,
                metadata_json    TEXT NOT NULL,
                removed_json     TEXT NOT NULL,
                offsets_json     TEXT NOT NULL,
                layers_json      TEXT NOT NULL,
                ingested_at      TEXT NOT NULL
            );
            CREATE INDEX articles_published ON articles(published);
            CREATE TABLE stories (
                id    TEXT PRIMARY KEY,
                seq   INTEGER NOT NULL,
                title TEXT NOT NULL
            );
            CREATE TABLE story_articles (
                story_id   TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
                article_id TEXT NOT NULL REFERENCES articles(id),
                PRIMARY KEY (story_id, article_id)
            );
            CREATE TABLE entities (
                id            TEXT PRIMARY KEY,
                seq           INTEGER NOT NULL,
                name          TEXT NOT NULL,
                type          TEXT NOT NULL,
                aliases_json  TEXT NOT NULL,
                articles_json TEXT NOT NULL,
                mentions      INTEGER NOT NULL
            );
            CREATE TABLE timeline (
                story_id      TEXT NOT NULL,
                seq           INTEGER NOT NULL,
                date          TEXT NOT NULL,
                text          TEXT NOT NULL,
                articles_json TEXT NOT NULL,
                evidence_json TEXT NOT NULL,
                PRIMARY KEY (story_id, seq)
            );
            CREATE TABLE near_duplicates (
                duplicate  TEXT NOT NULL,
                original   TEXT NOT NULL,
                similarity REAL NOT NULL,
                PRIMARY KEY (duplicate, original)
            );
            CREATE TABLE state (
                key   TEXT PRIMARY KEY,
                value BLOB NOT NULL
            );
            """),
        (2, "full-text search over articles", """
            CREATE VIRTUAL TABLE article_search USING fts5(title, text, content='articles', content_rowid='rowid');
            CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
                INSERT INTO article_search(rowid, title, text) VALUES (new.rowid, new.title, new.text);
            END;
            """),
        // The articles table keeps each article's own layers (the input of the collection stages on the next run);
        // this keeps what the collection stages made of them: mentions with canonical entity ids (and the surnames
        // added from other articles), quotes with canonical speakers. Replaced whole each run.
        (3, "collection-level mentions and quotes per article", """
            CREATE TABLE article_results (
                article_id    TEXT PRIMARY KEY REFERENCES articles(id),
                mentions_json TEXT NOT NULL,
                quotes_json   TEXT NOT NULL
            );
            """),
    ];
}
