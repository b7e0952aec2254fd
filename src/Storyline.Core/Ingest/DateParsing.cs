using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Storyline.Ingest;

/// <summary>Parses the machine-written dates found in metadata (ISO dates and timestamps).</summary>
public static class DateParsing
{
    /// <summary>The calendar date of an ISO 8601 date or timestamp (its own offset kept: a 23:30-05:00 time is that day), or null.</summary>
    public static LocalDate? ParseIsoDate(string value)
    {
        value = value.Trim();
        if (LocalDatePattern.Iso.Parse(value) is { Success: true } date) return date.Value;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
            return LocalDate.FromDateTime(dto.DateTime);
        return null;
    }
}
