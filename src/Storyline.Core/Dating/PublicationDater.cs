using System.Text.RegularExpressions;
using NodaTime;
using Storyline.Documents;

namespace Storyline.Dating;

/// <summary>
/// Decides an article's publication date and records how. In order of trust: a date header, a date in the
/// input's metadata, then inference from the text. Inference never invents: it needs a dated photo caption
/// (photos precede their story) plus a weekday in the lead ("confirmed Monday") to place the story within the
/// week after the photo, or a full date in the dateline. Otherwise the date is null and the reason says why.
/// </summary>
public sealed partial class PublicationDater
{
    /// <summary>How many characters of the lead are searched for the weekday of the reported event.</summary>
    private const int LeadLength = 400;

    public PublicationDate Decide(DocumentMetadata metadata, bool isFirstSegment, string cleanText, IReadOnlyList<RemovedPart> removed)
    {
        string? metadataProblem = null;
        if (metadata.Published is { } published)
        {
            if (isFirstSegment)
            {
                var source = metadata.FieldSources.TryGetValue("published", out var s) ? s : "metadata";
                return source == "header"
                    ? new PublicationDate(published, DateBases.Header, "from the ' date' header line")
                    : new PublicationDate(published, DateBases.Metadata, $"from {source}");
            }
            metadataProblem = "the input's date belongs to its first article, not this one";
        }
        else if (metadata.PublishedRaw is { } raw)
        {
            metadataProblem = $"the metadata date '{raw}' is not a date";
        }

        var fromCaption = FromCaption(cleanText, removed);
        if (fromCaption is not null) return fromCaption;

        var fromDateline = FromDateline(cleanText);
        if (fromDateline is not null) return fromDateline;

        var captionDates = CaptionDates(removed).ToList();
        var reasons = new List<string>();
        if (metadataProblem is not null) reasons.Add(metadataProblem);
        else reasons.Add("no date header or metadata");
        reasons.Add(captionDates.Count > 0
            ? $"a photo caption is dated {captionDates.Max():yyyy-MM-dd}, but the lead names no weekday to place the story after it"
            : "no dated photo caption or dateline");
        return PublicationDate.Unknown(string.Join("; ", reasons));
    }

    private static PublicationDate? FromCaption(string cleanText, IReadOnlyList<RemovedPart> removed)
    {
        var dates = CaptionDates(removed).ToList();
        if (dates.Count == 0) return null;
        var anchor = dates.Max();
        var lead = cleanText[..Math.Min(cleanText.Length, LeadLength)];
        var weekday = CalendarWords.BareWeekdays(lead).Cast<(IsoDayOfWeek Day, int Start, string Word)?>().FirstOrDefault();
        if (weekday is null) return null;
        int ahead = ((int)weekday.Value.Day - (int)anchor.DayOfWeek + 7) % 7;
        var date = anchor.PlusDays(ahead);
        return new PublicationDate(date, DateBases.InferredCaption,
            $"photo caption dated {anchor:yyyy-MM-dd} ({anchor.DayOfWeek}); the lead says '{weekday.Value.Word}'; the first {weekday.Value.Day} on or after the photo is {date:yyyy-MM-dd}");
    }

    /// <summary>Dates in photo captions and credits, leaving out file photos, which are old by definition.</summary>
    private static IEnumerable<LocalDate> CaptionDates(IReadOnlyList<RemovedPart> removed) =>
        removed.Where(r => r.Kind is RemovalKinds.PhotoCaption or RemovalKinds.ImageCredit or RemovalKinds.RepeatedLine)
            .Where(r => r.Rule != "file-photo" && !FilePhoto().IsMatch(r.Text))
            .SelectMany(r => CalendarWords.FullDates(r.Text))
            .Select(d => d.Date);

    private static PublicationDate? FromDateline(string cleanText)
    {
        var m = DatelineWithDate().Match(cleanText);
        if (!m.Success) return null;
        var date = CalendarWords.FullDates(m.Value).Select(d => (LocalDate?)d.Date).FirstOrDefault();
        return date is null ? null
            : new PublicationDate(date, DateBases.InferredText, $"the dateline '{m.Value.Trim()}' gives the date");
    }

    [GeneratedRegex(@"^\s*FILE\s*[-–—]|\bFile\)\s*$|, File\)", RegexOptions.CultureInvariant)]
    private static partial Regex FilePhoto();

    // "WASHINGTON, March 24, 2025 —" or "March 24, 2025 —" opening the article.
    [GeneratedRegex(@"\A(?:[A-Z][A-Z.'\- ]{1,40},\s*)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+(?:19|20)\d\d\s*(?:\([A-Za-z]+\)\s*)?[—–-]", RegexOptions.CultureInvariant)]
    private static partial Regex DatelineWithDate();
}
