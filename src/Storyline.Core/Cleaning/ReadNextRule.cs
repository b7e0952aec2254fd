using System.Text.RegularExpressions;
using Storyline.Documents;

namespace Storyline.Cleaning;

/// <summary>
/// Removes a "Read Next" (or "Up Next", "Related Articles"…) heading standing alone on its line, together with
/// the headline lines that follow it: short lines without sentence-final punctuation, up to the next blank-separated
/// paragraph that reads like body text.
/// </summary>
public sealed partial class ReadNextRule : ICleaningRule
{
    private const int MaxHeadlines = 5;
    private const int MaxHeadlineLength = 160;

    public string Name => "read-next-heading";

    public IEnumerable<Removal> Find(IReadOnlyList<TextLine> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            if (!Heading().IsMatch(lines[i].Trimmed)) continue;
            yield return new Removal(lines[i].Start, lines[i].End, RemovalKinds.ReadMore, Name);
            int taken = 0;
            for (int j = i + 1; j < lines.Count && taken < MaxHeadlines; j++)
            {
                if (lines[j].IsBlank) continue;
                if (!LooksLikeHeadline(lines[j].Trimmed)) break;
                yield return new Removal(lines[j].Start, lines[j].End, RemovalKinds.ReadMore, Name);
                taken++;
                i = j;
            }
        }
    }

    /// <summary>A headline is short and does not end like a sentence (headlines drop the final period).</summary>
    internal static bool LooksLikeHeadline(string line) =>
        line.Length <= MaxHeadlineLength && !line.EndsWith('.') && !line.EndsWith(',') && char.IsUpper(line[0]) && line.Contains(' ');

    [GeneratedRegex(@"^(Read Next|READ NEXT|Up Next|UP NEXT|Related Articles?|RELATED ARTICLES?|More Stories|MORE STORIES|Recommended( for you)?|You (may|might) also like)\s*:?$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();
}
