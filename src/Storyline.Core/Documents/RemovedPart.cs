namespace Storyline.Documents;

/// <summary>
/// A part of the input that cleaning took out of the article, kept so that nothing is lost.
/// Offsets are into the original input (the source file's text), end exclusive.
/// </summary>
/// <param name="Kind">What it was: one of <see cref="RemovalKinds"/>.</param>
/// <param name="Rule">The rule that removed it, so a user can see why.</param>
public sealed record RemovedPart(string Kind, string Text, int Start, int End, string Rule);

/// <summary>The kinds of removed parts. Readers of other formats may add their own (HTML navigation, comments…).</summary>
public static class RemovalKinds
{
    public const string Header = "header";
    public const string ReadMore = "read-more";
    public const string ImageCredit = "image-credit";
    public const string PhotoCaption = "photo-caption";
    public const string EmbeddedPost = "embedded-post";
    public const string RepeatedLine = "repeated-line";
    public const string Navigation = "navigation";
    public const string RelatedLinks = "related-links";
    public const string ShareBar = "share-bar";
    public const string Comments = "comments";
    public const string CookieNotice = "cookie-notice";
    public const string Newsletter = "newsletter";
    public const string Advertisement = "advertisement";
    public const string Byline = "byline";
    public const string Other = "other";
}
