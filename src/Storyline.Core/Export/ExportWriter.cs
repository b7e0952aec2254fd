using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storyline.Documents;
using Storyline.Quotes;

namespace Storyline.Export;

public enum ExportFormat { Json, Jsonl, Markdown }

/// <summary>
/// Writes an analysis in the export contract documented in <c>docs/export.md</c> and
/// <c>docs/export.schema.json</c>: top-level arrays <c>articles</c>, <c>stories</c>, <c>entities</c>,
/// <c>quotes</c>, <c>timeline</c> (and <c>near_duplicates</c>). Offsets are characters (UTF-16 code units) into
/// the article's clean text, except <c>removed</c> and <c>span</c>, which point into the source text; ends are exclusive.
/// </summary>
public static class ExportWriter
{
    public const string SchemaVersion = "1";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Analysis analysis, ExportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ExportFormat.Json:
                output.WriteLine(ToJson(analysis).ToJsonString(Indented));
                break;
            case ExportFormat.Jsonl:
                foreach (var (type, records) in Sections(analysis))
                    foreach (var record in records)
                    {
                        var line = new JsonObject { ["type"] = type };
                        foreach (var (k, v) in record.AsObject()) line[k] = v?.DeepClone();
                        output.WriteLine(line.ToJsonString(Compact));
                    }
                break;
            case ExportFormat.Markdown:
                MarkdownReport.Write(analysis, output);
                break;
        }
    }

    public static JsonObject ToJson(Analysis analysis)
    {
        var root = new JsonObject { ["schema_version"] = SchemaVersion };
        foreach (var (type, records) in Sections(analysis))
            root[SectionName(type)] = new JsonArray(records.Select(r => (JsonNode?)r).ToArray());
        return root;
    }

    private static string SectionName(string type) => type switch
    {
        "article" => "articles",
        "story" => "stories",
        "entity" => "entities",
        "quote" => "quotes",
        "timeline_entry" => "timeline",
        "near_duplicate" => "near_duplicates",
        _ => type,
    };

    private static IEnumerable<(string Type, IEnumerable<JsonNode> Records)> Sections(Analysis analysis)
    {
        yield return ("article", analysis.Articles.Select(a => Article(a, analysis)));
        yield return ("story", analysis.Stories.Select(Story));
        yield return ("entity", analysis.Entities.Select(Entity));
        yield return ("quote", analysis.Articles.SelectMany(a => a.Quotes.Select(q => Quote(a.Article, q))));
        yield return ("timeline_entry", analysis.Timeline.Select(Timeline));
        yield return ("near_duplicate", analysis.NearDuplicates.Select(d => (JsonNode)new JsonObject
        {
            ["duplicate"] = d.Duplicate, ["original"] = d.Original, ["similarity"] = Math.Round(d.Similarity, 4),
        }));
    }

    private static JsonNode Article(AnalyzedArticle analyzed, Analysis analysis)
    {
        var a = analyzed.Article;
        var m = a.Metadata;
        return new JsonObject
        {
            ["id"] = a.Id,
            ["source"] = a.Source,
            ["title"] = a.Title,
            ["published"] = a.Published.Iso,
            ["published_basis"] = a.Published.Basis,
            ["published_reason"] = a.Published.Reason,
            ["outlet"] = m.Outlet,
            ["url"] = m.CanonicalUrl ?? m.Url,
            ["authors"] = new JsonArray(m.Authors.Select(x => (JsonNode?)x).ToArray()),
            ["language"] = m.Language,
            ["metadata_sources"] = new JsonObject(m.FieldSources.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["story"] = analysis.Stories.FirstOrDefault(s => s.ArticleIds.Contains(a.Id))?.Id,
            ["text"] = a.Text,
            ["removed"] = new JsonArray(a.Removed.Select(r => (JsonNode?)new JsonObject
            {
                ["kind"] = r.Kind, ["rule"] = r.Rule, ["text"] = r.Text, ["start"] = r.Start, ["end"] = r.End,
            }).ToArray()),
            ["span"] = new JsonObject { ["start"] = a.SourceSpan.Start, ["end"] = a.SourceSpan.End },
        };
    }

    private static JsonNode Story(Story s) => new JsonObject
    {
        ["id"] = s.Id,
        ["title"] = s.Title,
        ["articles"] = new JsonArray(s.ArticleIds.Select(x => (JsonNode?)x).ToArray()),
    };

    private static JsonNode Entity(CanonicalEntity e) => new JsonObject
    {
        ["id"] = e.Id,
        ["name"] = e.Name,
        ["type"] = e.Type,
        ["aliases"] = new JsonArray(e.Aliases.Select(x => (JsonNode?)x).ToArray()),
        ["articles"] = new JsonArray(e.ArticleIds.Select(x => (JsonNode?)x).ToArray()),
        ["mentions"] = e.MentionCount,
    };

    private static JsonNode Quote(Article article, Quote q) => new JsonObject
    {
        ["article"] = article.Id,
        ["text"] = q.Text,
        ["speaker"] = q.Speaker,
        ["speaker_span"] = Span(q.SpeakerSpan),
        ["cue"] = q.CueText,
        ["cue_span"] = Span(q.Cue),
        ["kind"] = q.Kind,
        ["start"] = q.Content.Start,
        ["end"] = q.Content.End,
        ["reported"] = q.ReportedPerson,
        ["continues_previous"] = q.ContinuesPrevious,
    };

    private static JsonNode Timeline(TimelineEntry t) => new JsonObject
    {
        ["story"] = t.StoryId,
        ["date"] = t.Date,
        ["text"] = t.Text,
        ["articles"] = new JsonArray(t.ArticleIds.Select(x => (JsonNode?)x).ToArray()),
        ["evidence"] = new JsonArray(t.Evidence.Select(e => (JsonNode?)new JsonObject
        {
            ["article"] = e.ArticleId, ["start"] = e.Span.Start, ["end"] = e.Span.End,
        }).ToArray()),
    };

    private static JsonObject? Span(TextSpan? span) =>
        span is { } s ? new JsonObject { ["start"] = s.Start, ["end"] = s.End } : null;
}
