using Storyline.Documents;

namespace Storyline.Quotes;

/// <summary>Kinds of attribution, as exported.</summary>
public static class QuoteKinds
{
    public const string Direct = "direct";
    public const string Partial = "partial";
    public const string Indirect = "indirect";
    public const string AccordingTo = "according-to";
}

/// <summary>
/// One attribution in an article: who (source), the cue verb or phrase, and what was said (content).
/// Offsets are into the article's clean text.
/// </summary>
public sealed record Quote(TextSpan Content, string Text, string Kind)
{
    public TextSpan? SpeakerSpan { get; init; }
    /// <summary>The canonical name of the speaker, or null when it cannot be resolved.</summary>
    public string? Speaker { get; init; }
    public TextSpan? Cue { get; init; }
    public string? CueText { get; init; }
    /// <summary>Where the speaker recounts someone else's words, that person.</summary>
    public string? ReportedPerson { get; init; }
    /// <summary>The entity id of the speaker (article-local until the entities stage has run), or null.</summary>
    public string? SpeakerEntityId { get; init; }
    /// <summary>This part continues the quote before it: a split direct quote's later part, or a quote that runs on
    /// into the next paragraph. The parts of one split quote share <see cref="Cue"/> and <see cref="SpeakerSpan"/>.</summary>
    public bool ContinuesPrevious { get; init; }
}

/// <summary>The parts of one attribution (<see cref="Quote.ContinuesPrevious"/>) read as one quote.</summary>
public static class QuoteParts
{
    /// <summary>Each attribution's first part, with the texts of all its parts joined by an ellipsis.</summary>
    public static List<(Quote Quote, string Text)> Joined(IEnumerable<Quote> quotes)
    {
        var joined = new List<(Quote Quote, string Text)>();
        foreach (var quote in quotes)
        {
            if (quote.ContinuesPrevious && joined.Count > 0) joined[^1] = (joined[^1].Quote, joined[^1].Text + " … " + quote.Text);
            else joined.Add((quote, quote.Text));
        }
        return joined;
    }
}
