using Storyline.Cleaning;
using Storyline.Dating;
using Storyline.Documents;

namespace Storyline.Segmentation;

/// <summary>
/// Turns a raw document into clean articles: split glued articles, clean each part, then date it.
/// Segmenting comes first because captions belong to the article they sit in, and dating reads them.
/// </summary>
public sealed class ArticleFactory(DatelineSegmenter segmenter, TextCleaner cleaner, PublicationDater dater)
{
    private const int MaxTitleLength = 110;

    public ArticleFactory() : this(new DatelineSegmenter(), new TextCleaner(), new PublicationDater()) { }

    public IReadOnlyList<Article> Create(RawDocument raw)
    {
        var segments = segmenter.Split(raw.Text);
        var articles = new List<Article>(segments.Count);
        for (int i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var cleaned = cleaner.Clean(segment.Span.Of(raw.Text));
            if (cleaned.Text.Length == 0) continue;
            int shift = raw.SourceOffset + segment.Span.Start;
            var removed = cleaned.Removed.Select(r => r with { Start = r.Start + shift, End = r.End + shift }).ToList();
            if (i == 0) removed.InsertRange(0, raw.RemovedByReader);
            var published = dater.Decide(raw.Metadata, i == 0, cleaned.Text, cleaned.Removed);
            var title = (i == 0 ? raw.Metadata.Title : null) ?? DeriveTitle(cleaned.Text);
            var sourceSpan = new TextSpan(shift, raw.SourceOffset + segment.Span.End);
            articles.Add(new Article(
                Id: "a" + Hashing.ContentHash(cleaned.Text)[..12],
                Source: raw.Source,
                Title: title,
                Text: cleaned.Text,
                Published: published,
                SourceSpan: sourceSpan,
                Removed: removed,
                Metadata: i == 0 ? raw.Metadata : raw.Metadata with { Title = null, Published = null, PublishedRaw = null })
            {
                Offsets = cleaned.Offsets.Shifted(shift),
            });
        }
        return articles;
    }

    /// <summary>A readable title for an article with none: its first sentence after any dateline, cut at a word boundary.</summary>
    public static string DeriveTitle(string text)
    {
        var firstLine = text.Split('\n', 2)[0].Trim();
        firstLine = firstLine[DatelineSegmenter.LeadingDatelineLength(firstLine)..].TrimStart();
        int end = -1;
        for (int i = 0; i < firstLine.Length - 1; i++)
        {
            if (firstLine[i] is '.' or '!' or '?' && firstLine[i + 1] == ' ' && i > 20 && !char.IsUpper(firstLine[i - 1]))
            {
                end = i + 1;
                break;
            }
        }
        var sentence = end > 0 ? firstLine[..end] : firstLine;
        if (sentence.Length <= MaxTitleLength) return sentence;
        int cut = sentence.LastIndexOf(' ', MaxTitleLength);
        return sentence[..(cut > 40 ? cut : MaxTitleLength)].TrimEnd(',', ';', ':', ' ') + "…";
    }
}
