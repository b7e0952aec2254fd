using Storyline.Documents;

namespace Storyline.Pipeline;

/// <summary>
/// A stage that works on one article at a time (tokens, entities, quotes, time). It returns the article with its
/// own layer added and must not change the others.
/// </summary>
public interface IArticleStage
{
    string Name { get; }
    AnalyzedArticle Process(AnalyzedArticle article);
}

/// <summary>
/// A stage that works across articles (entity canonicalisation, near-duplicates, stories, timeline).
/// </summary>
public interface ICollectionStage
{
    string Name { get; }
    Analysis Process(Analysis analysis);
}

/// <summary>
/// A collection stage that keeps state between runs (the story index, so later articles join earlier stories).
/// The run stores <see cref="SaveState"/> under <see cref="StateKey"/> in the same transaction as the articles.
/// </summary>
public interface IPersistentStage
{
    string StateKey { get; }
    byte[] SaveState();
}
