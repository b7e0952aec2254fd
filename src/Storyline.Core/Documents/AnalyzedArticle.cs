using System.Collections.Immutable;
using Storyline.Language;
using Storyline.Quotes;
using Storyline.Time;

namespace Storyline.Documents;

/// <summary>
/// An article with the layers the per-article stages add. Immutable: each stage returns a copy with its layer
/// filled (<c>article with { Sentences = … }</c>), so data flows one way and a stage cannot disturb another's layer.
/// </summary>
public sealed record AnalyzedArticle(Article Article)
{
    public ImmutableArray<Token> Tokens { get; init; } = [];
    public ImmutableArray<Sentence> Sentences { get; init; } = [];
    public ImmutableArray<EntityMention> Mentions { get; init; } = [];
    public ImmutableArray<Quote> Quotes { get; init; } = [];
    public ImmutableArray<TimeExpression> TimeExpressions { get; init; } = [];

    public string Text => Article.Text;
}
