using Storyline.Learning;

namespace Storyline.Quotes;

/// <summary>Where a candidate attribution came from: a direct quote, a lexicon cue, or a cue only the tagger found.</summary>
public enum CandidateOrigin { Direct = 1, Lexicon = 2, Learned = 3 }

/// <summary>An attribution the rules propose, with the features the <see cref="AttributionFilter"/> scores it by
/// (none for direct quotes: their rules are kept as they are).</summary>
public sealed record Candidate(Attribution Attribution, CandidateOrigin Origin, ulong[] Features);

/// <summary>
/// Keeps or drops an indirect attribution the rules proposed. PolNeAR counts many cues the lexicon lacks, and not
/// every use of a lexicon cue is an attribution; the filter learns, from the cue, the tagger's view of it and the
/// shape of the source and content the rules found, which proposals PolNeAR's annotators would mark.
/// </summary>
public sealed class AttributionFilter(AveragedPerceptron perceptron)
{
    public static readonly string[] Classes = ["drop", "keep"];

    public AveragedPerceptron Perceptron { get; } = perceptron;

    public bool Keep(ReadOnlySpan<ulong> features) => Perceptron.Predict(features) == 1;
}

/// <summary>
/// The learned part of quote attribution, <c>models/quotes.stlm</c>: the <see cref="CueTagger"/> and the
/// <see cref="AttributionFilter"/>, both averaged perceptrons trained on PolNeAR train by <see cref="QuoteTrainer"/>
/// (<c>storyline train quotes</c>).
/// </summary>
public sealed class QuoteModel(CueTagger cues, AttributionFilter filter)
{
    public const string ModelName = "quotes";
    public const string ModelKind = "quotes";
    public const int Version = 1;

    private static readonly Lazy<Outcome<QuoteModel>> Embedded = new(() => ModelFile.ReadEmbedded(ModelName, ModelKind, (reader, _) => Read(reader)));

    /// <summary>The model that ships with the build, or a failure when it was not trained.</summary>
    public static Outcome<QuoteModel> Shipped => Embedded.Value;

    public CueTagger Cues { get; } = cues;
    public AttributionFilter Filter { get; } = filter;

    public void Save(string path, ModelHeader header) => ModelFile.Write(path, header, writer =>
    {
        Cues.Perceptron.Save(writer);
        Filter.Perceptron.Save(writer);
    });

    public static Outcome<QuoteModel> Load(string path) => ModelFile.Read(path, ModelKind, (reader, _) => Read(reader));

    private static QuoteModel Read(BinaryReader reader) =>
        new(new CueTagger(AveragedPerceptron.Load(reader)), new AttributionFilter(AveragedPerceptron.Load(reader)));
}
