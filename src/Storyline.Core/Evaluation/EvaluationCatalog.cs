using Storyline.Learning;

namespace Storyline.Evaluation;

/// <summary>The evaluations <c>storyline eval</c> knows and the models <c>storyline train</c> rebuilds.</summary>
public static class EvaluationCatalog
{
    public static IReadOnlyList<IEvaluation> Evaluations { get; } =
    [
        new Language.Tokenization.TokenizationEvaluation(),
        new Language.Sentences.SentenceEvaluation(),
        new Stories.StoryEvaluation(),
        new Language.Pos.PosEvaluation(),
        new Ingest.Html.ExtractionEvaluation(),
        new Language.Ner.NerEvaluation(),
        new Storyline.Time.Evaluation.TimeEvaluation(),
        new Quotes.QuoteEvaluation(),
    ];

    public static IReadOnlyList<ITrainer> Trainers { get; } =
    [
        new Language.Pos.PosTrainer(),
        new Language.Ner.NerTrainer(),
        new Quotes.QuoteTrainer(),
    ];

    public static IEvaluation? FindEvaluation(string task) =>
        Evaluations.FirstOrDefault(e => string.Equals(e.Task, task, StringComparison.OrdinalIgnoreCase));

    public static ITrainer? FindTrainer(string model) =>
        Trainers.FirstOrDefault(t => string.Equals(t.Model, model, StringComparison.OrdinalIgnoreCase));
}
