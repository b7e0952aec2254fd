using NodaTime;

namespace Storyline.Documents;

/// <summary>
/// An article's publication date and how it was obtained. A date is never invented: when nothing supports one,
/// <see cref="Date"/> is null and <see cref="Reason"/> says why.
/// </summary>
/// <param name="Basis">How the date was obtained: <c>header</c>, <c>metadata</c>, <c>inferred:caption</c>, … or <c>none</c>.</param>
/// <param name="Reason">The evidence used, or why there is no date.</param>
public sealed record PublicationDate(LocalDate? Date, string Basis, string? Reason = null)
{
    public static PublicationDate Unknown(string reason) => new(null, DateBases.None, reason);

    public string? Iso => Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public static class DateBases
{
    public const string Header = "header";
    public const string Metadata = "metadata";
    public const string InferredCaption = "inferred:caption";
    public const string InferredText = "inferred:text";
    public const string None = "none";
}
