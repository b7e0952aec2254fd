using Storyline.Documents;

namespace Storyline.Storage;

/// <summary>What one analyze run writes: new inputs and their articles, and the collection-level results recomputed over everything.</summary>
public sealed record StoreBatch(
    IReadOnlyList<RawDocument> Inputs,
    IReadOnlyList<AnalyzedArticle> NewArticles,
    Analysis Collection)
{
    /// <summary>Named opaque state blobs to keep between runs (for example the story index), replaced whole.</summary>
    public IReadOnlyDictionary<string, byte[]> State { get; init; } = new Dictionary<string, byte[]>();
}

/// <summary>
/// Where analysed articles and stories live between runs. SQLite is the embedded default; the contract is kept
/// small so a PostgreSQL store can implement it for many workers.
/// </summary>
public interface IArticleStore : IDisposable
{
    /// <summary>Whether an input with this content hash was already ingested (ingest is idempotent).</summary>
    bool HasInput(string contentHash);

    /// <summary>Whether an article with this id (a hash of its clean text) is already stored.</summary>
    bool HasArticle(string articleId);

    /// <summary>Writes a batch in one transaction: all of it is stored, or none of it.</summary>
    void Save(StoreBatch batch);

    /// <summary>Whether stored articles lack the collection stages' per-article results (a database written before
    /// schema 3): the next run recomputes the collection even with no new article.</summary>
    bool CollectionIsStale { get; }

    /// <summary>Every stored article with its own layers (as the article stages made them, the input of the next
    /// run's collection stages), in ingest order.</summary>
    IReadOnlyList<AnalyzedArticle> LoadArticles();

    /// <summary>The whole stored analysis: articles (with the collection stages' mentions and quotes: canonical entity
    /// ids and speakers), stories, entities, timeline, near-duplicates.</summary>
    Analysis LoadAnalysis();

    byte[]? LoadState(string key);

    int SchemaVersion { get; }
}
