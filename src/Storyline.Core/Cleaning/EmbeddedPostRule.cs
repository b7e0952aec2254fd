using System.Text.RegularExpressions;
using Storyline.Documents;

namespace Storyline.Cleaning;

/// <summary>
/// Removes embedded social posts: the signature ("— Name (@handle) March 22, 2025"), media links
/// (pic.twitter.com/…), and the post's text.
/// </summary>
/// <remarks>
/// Policy: when the post's text is a quotation (it opens with a quote mark), only the signature and link are
/// removed and the quoted words stay in the body. Such posts quote the story's speakers, and those words are
/// part of what the article reports (the quote extractor attributes them). A post that is the poster's own words is removed whole.
/// </remarks>
public sealed partial class EmbeddedPostRule : ICleaningRule
{
    public string Name => "embedded-post";

    public IEnumerable<Removal> Find(IReadOnlyList<TextLine> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.IsBlank) continue;
            var signature = Signature().Match(line.Text);
            if (signature.Success)
            {
                var head = line.Text[..signature.Index].Trim();
                if (head.Length == 0)
                {
                    // The signature stands alone: the post's text is the line before it.
                    yield return Whole(line);
                    int prev = i - 1;
                    while (prev >= 0 && lines[prev].IsBlank) prev--;
                    if (prev >= 0 && MediaLink().IsMatch(lines[prev].Text))
                        yield return IsQuotation(lines[prev].Trimmed) ? Tail(lines[prev], MediaLink().Match(lines[prev].Text).Index) : Whole(lines[prev]);
                }
                else
                {
                    yield return IsQuotation(head) ? Tail(line, TrimStart(line.Text, signature.Index)) : Whole(line);
                }
                continue;
            }
            var link = MediaLink().Match(line.Text);
            if (link.Success)
            {
                var head = line.Text[..link.Index].Trim();
                yield return head.Length == 0 || !IsQuotation(head) ? Whole(line) : Tail(line, TrimStart(line.Text, link.Index));
            }
        }
    }

    private Removal Whole(TextLine line) => new(line.Start, line.End, RemovalKinds.EmbeddedPost, Name);

    private Removal Tail(TextLine line, int from) => new(line.Start + from, line.End, RemovalKinds.EmbeddedPost, Name);

    private static int TrimStart(string text, int index)
    {
        while (index > 0 && char.IsWhiteSpace(text[index - 1])) index--;
        return index;
    }

    private static bool IsQuotation(string text) => text.Length > 0 && "\"“‘'«„".Contains(text[0]);

    // "[pic.twitter.com/x ]— Display Name (@handle) March 22, 2025" at the end of a line.
    [GeneratedRegex(@"(pic\.twitter\.com/\S+\s*|https?://t\.co/\S+\s*)?[—–-]{1,2}\s*[^()\n]{1,60}\(@\w{1,30}\)\s*(\w+\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+\w+\.?\s+\d{4})?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Signature();

    [GeneratedRegex(@"(pic\.twitter\.com/\S+|https?://(t\.co|twitter\.com|x\.com)/\S+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MediaLink();
}
