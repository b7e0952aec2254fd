using Storyline.Documents;
using Storyline.Learning;

namespace Storyline.Quotes;

/// <summary>Where a candidate attribution came from: a direct quote, a lexicon cue, or a cue only the tagger found.</summary>
public enum CandidateOrigin { Direct = 1, Lexicon = 2, Learned = 3 }

/// <summary>An attribution the rules propose, with the features the <see cref="AttributionFilter"/> scores it by
/// (none for direct quotes: their rules are kept as they are).</summary>
public sealed record Candidate(Attribution Attribution, CandidateOrigin Origin, ulong[] Features)
{
    /// <summary>Where the content of an indirect attribution may start or end (the rules' choice among them), or null.</summary>
    public IReadOnlyList<BoundaryOption>? Boundaries { get; init; }
    /// <summary>The source the rules found is the subject of a passive or raising cue, part of the content.</summary>
    public bool SubjectInContent { get; init; }
    /// <summary>With <see cref="SubjectInContent"/>: the agent of the passive cue ("was raised last month by
    /// the mayor"), who is the source, or null.</summary>
    public TextSpan? PassiveAgent { get; init; }
    /// <summary>The source without a time phrase before the cue ("The city council on Monday") or a sentence opener
    /// ("In March, …"), from the clause's start ("Port and city officials"); used when finding only; or null.</summary>
    public TextSpan? TrimmedSource { get; init; }
    /// <summary>Where the content of an indirect attribution after its cue may start (the rules' start among them);
    /// only each option's start counts.</summary>
    public IReadOnlyList<BoundaryOption>? LeadOptions { get; init; }
    /// <summary>Where the cue may start and end (with or without its auxiliaries, through a following adverbial or
    /// particle: "said in a statement", "called for"), the rules' choice among them; or null.</summary>
    public IReadOnlyList<BoundaryOption>? CueOptions { get; init; }
}

/// <summary>One possible content span of an attribution, with the features the <see cref="ContentBoundaryModel"/> ranks it by.</summary>
public sealed record BoundaryOption(Documents.TextSpan Span, ulong[] Features);

/// <summary>
/// Chooses where a reported clause ends (after its cue) or starts (before it), and where a cue starts and ends, among
/// the options the rules list: a ranking perceptron (the "keep" class minus the "drop" class scores an option; cue
/// and content options use separate feature templates), trained to prefer PolNeAR's spans.
/// </summary>
public sealed class ContentBoundaryModel(AveragedPerceptron perceptron)
{
    public AveragedPerceptron Perceptron { get; } = perceptron;

    public float Score(ReadOnlySpan<ulong> features)
    {
        Span<float> scores = stackalloc float[2];
        Perceptron.Score(features, scores);
        return scores[1] - scores[0];
    }

    public int Best(IReadOnlyList<BoundaryOption> options)
    {
        int best = 0;
        float bestScore = float.NegativeInfinity;
        for (int k = 0; k < options.Count; k++)
        {
            float score = Score(options[k].Features);
            if (score > bestScore) { best = k; bestScore = score; }
        }
        return best;
    }
}

/// <summary>
/// Keeps or drops an indirect attribution the rules proposed. PolNeAR counts many cues the lexicon lacks, and not
/// every use of a lexicon cue is an attribution; the filter learns, from the cue, the tagger's view of it and the
/// shape of the source and content the rules found, which proposals PolNeAR's annotators would mark.
/// </summary>
public sealed class AttributionFilter(AveragedPerceptron perceptron)
{
    public static readonly string[] Classes = ["drop", "keep"];

    public AveragedPerceptron Perceptron { get; } = perceptron;

    /// <summary>A candidate is kept unless "drop" outscores "keep" by more than this. The filter is precise and the
    /// attributions it misses are many, so a doubtful candidate is worth keeping; chosen on dev (exact F1 source / cue /
    /// content at 0: 66.2 / 65.1 / 52.5; 3: 66.2 / 65.2 / 52.7; 6: 66.6 / 65.3 / 52.6; 8: 66.7 / 65.5 / 52.7;
    /// 10: 66.6 / 65.6 / 52.7; 15: 66.2 / 65.4 / 52.3; 20: 65.6 / 64.8 / 52.0).</summary>
    public const float KeepMargin = 8f;

    public bool Keep(ReadOnlySpan<ulong> features)
    {
        Span<float> scores = stackalloc float[Classes.Length];
        Perceptron.Score(features, scores);
        return scores[1] - scores[0] > -KeepMargin;
    }
}

/// <summary>
/// The learned part of quote attribution, <c>models/quotes.stlm</c>: the <see cref="CueTagger"/>, the
/// <see cref="AttributionFilter"/> and the <see cref="ContentBoundaryModel"/>, averaged perceptrons trained on PolNeAR train by <see cref="QuoteTrainer"/>
/// (<c>storyline train quotes</c>).
/// </summary>
public sealed class QuoteModel(CueTagger cues, AttributionFilter filter, ContentBoundaryModel? boundaries)
{
    public const string ModelName = "quotes";
    public const string ModelKind = "quotes";
    public const int Version = 2;

    private static readonly Lazy<Outcome<QuoteModel>> Embedded = new(() => ModelFile.ReadEmbedded(ModelName, ModelKind, (reader, _) => Read(reader)));

    /// <summary>The model that ships with the build, or a failure when it was not trained.</summary>
    public static Outcome<QuoteModel> Shipped => Embedded.Value;

    public CueTagger Cues { get; } = cues;
    public AttributionFilter Filter { get; } = filter;
    public ContentBoundaryModel? Boundaries { get; } = boundaries;

    public void Save(string path, ModelHeader header) => ModelFile.Write(path, header, writer =>
    {
        Cues.Perceptron.Save(writer);
        Filter.Perceptron.Save(writer);
        writer.Write(Boundaries is not null);
        Boundaries?.Perceptron.Save(writer);
    });

    public static Outcome<QuoteModel> Load(string path) => ModelFile.Read(path, ModelKind, (reader, _) => Read(reader));

    private static QuoteModel Read(BinaryReader reader)
    {
        var cues = new CueTagger(AveragedPerceptron.Load(reader));
        var filter = new AttributionFilter(AveragedPerceptron.Load(reader));
        return new QuoteModel(cues, filter, reader.ReadBoolean() ? new ContentBoundaryModel(AveragedPerceptron.Load(reader)) : null);
    }
}
