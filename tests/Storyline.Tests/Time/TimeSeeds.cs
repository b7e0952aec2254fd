using System.Collections.Immutable;
using NodaTime;
using Storyline.Documents;
using Storyline.Time;
using Xunit;

namespace Storyline.Tests.Time;

/// <summary>The seed articles in ../shared/corpus/seeds, read at test time (their text is never copied into the repo).</summary>
internal static class TimeSeeds
{
    /// <summary>
    /// A seed file as one or more articles with the given publication dates. The header line is dropped, and a
    /// second article starts at <paramref name="secondStartsAt"/> when given (the lead's segmenter does this in the
    /// full pipeline; here the time stage is tested on its own).
    /// </summary>
    public static IReadOnlyList<AnalyzedArticle> Load(string prefix, LocalDate?[] dates, string? secondStartsAt = null)
    {
        var path = Directory.GetFiles(Seeds.Folder()!, prefix + "_*.txt").Single();
        var text = File.ReadAllText(path);
        if (text.StartsWith(" date ", StringComparison.Ordinal)) text = text[" date 2025-03-23 ".Length..];
        var parts = secondStartsAt is null ? [text] : new[] { text[..text.IndexOf(secondStartsAt, StringComparison.Ordinal)], text[text.IndexOf(secondStartsAt, StringComparison.Ordinal)..] };
        var stage = new TimeStage();
        return parts.Select((part, i) =>
        {
            var date = dates[i];
            var published = date is null ? PublicationDate.Unknown("test") : new PublicationDate(date, DateBases.Header);
            var article = new Article($"{prefix}-{i}", path, null, part, published, new TextSpan(0, part.Length), [], DocumentMetadata.Empty);
            return stage.Process(new AnalyzedArticle(article));
        }).ToList();
    }
}
