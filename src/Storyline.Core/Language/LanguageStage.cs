using Storyline.Documents;
using Storyline.Language.Pos;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Storyline.Pipeline;

namespace Storyline.Language;

/// <summary>
/// The language layer of one article: tokens with character offsets into its clean text, sentences, and
/// part-of-speech tags (universal in <see cref="Token.Tag"/>, Penn Treebank in <see cref="Token.PennTag"/>).
/// </summary>
public sealed class LanguageStage : IArticleStage
{
    private readonly Lazy<PosTagger> _tagger;

    /// <summary>A stage that tags with the given tagger, or with the shipped model (loaded on first use) when null.</summary>
    public LanguageStage(PosTagger? tagger = null)
    {
        _tagger = tagger is not null
            ? new Lazy<PosTagger>(tagger)
            : new Lazy<PosTagger>(() => PosTagger.Shipped.TryGetValue(out var shipped)
                ? shipped
                : throw new InvalidOperationException($"the language stage cannot tag: {PosTagger.Shipped.Problem}"));
    }

    public const string StageName = "language";
    public string Name => StageName;

    public AnalyzedArticle Process(AnalyzedArticle article)
    {
        var text = article.Text;
        var tokens = Tokenizer.Tokenize(text);
        var sentences = SentenceSplitter.Split(text, tokens);
        return article with
        {
            Tokens = _tagger.Value.Tag(tokens, sentences),
            Sentences = [.. sentences],
        };
    }
}

public static class LanguagePipelineExtensions
{
    /// <summary>Adds tokens, sentences and part-of-speech tags to every article.</summary>
    public static PipelineBuilder UseLanguage(this PipelineBuilder builder, PosTagger? tagger = null) =>
        builder.Use(new LanguageStage(tagger));
}
