using System.Text.Json.Nodes;
using Storyline.Export;
using Storyline.Ingest;
using Storyline.Pipeline;
using Storyline.Segmentation;
using Storyline.Storage;
using Xunit;

namespace Storyline.Tests.Spine;

public sealed class StoreAndExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("storyline-store-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string SamplesFolder => Path.Combine(AppContext.BaseDirectory, "samples", "news");

    private RunReport Analyze(string db, params string[] paths)
    {
        using var store = SqliteArticleStore.Open(db).Value;
        return new AnalysisRun(Ingestor.CreateDefault(), new ArticleFactory(), DefaultPipeline.Create(store.LoadState), store).Run(paths);
    }

    [Fact]
    public void Ingest_is_idempotent_the_same_content_is_stored_once()
    {
        var db = Path.Combine(_folder, "a.db");
        var first = Analyze(db, SamplesFolder);
        Assert.True(first.ArticlesAdded >= 6);

        var again = Analyze(db, SamplesFolder);
        Assert.Equal(0, again.ArticlesAdded);
        Assert.Equal(first.DocumentsRead, again.DocumentsAlreadyStored);
        Assert.Equal(first.Analysis.Stories.Select(s => (s.Id, s.ArticleIds.Length)), again.Analysis.Stories.Select(s => (s.Id, s.ArticleIds.Length)));
        Assert.Equal(first.Analysis.Articles.Length, again.Analysis.Articles.Length);

        // The same text under another name is the same content.
        var copy = Path.Combine(_folder, "copy.txt");
        File.Copy(Path.Combine(SamplesFolder, "04_orchard_festival.txt"), copy);
        Assert.Equal(0, Analyze(db, copy).ArticlesAdded);

        using var store = SqliteArticleStore.Open(db).Value;
        Assert.Equal(first.ArticlesAdded, store.LoadArticles().Count);
    }

    [Fact]
    public void Articles_survive_a_round_trip_through_the_store()
    {
        var db = Path.Combine(_folder, "b.db");
        var report = Analyze(db, SamplesFolder);
        using var store = SqliteArticleStore.Open(db).Value;
        var loaded = store.LoadArticles().Select(a => a.Article).ToDictionary(a => a.Id);
        foreach (var original in report.AddedArticles)
        {
            var back = loaded[original.Id];
            Assert.Equal(original.Text, back.Text);
            Assert.Equal(original.Published, back.Published);
            Assert.Equal(original.SourceSpan, back.SourceSpan);
            Assert.Equal(original.Removed, back.Removed);
            Assert.Equal(original.Metadata.Outlet, back.Metadata.Outlet);
            for (int i = 0; i < back.Text.Length; i += 17)
                Assert.Equal(original.Offsets!.ToSource(i), back.Offsets!.ToSource(i));
        }
        Assert.Equal(Migrations.All.Max(m => m.Version), store.SchemaVersion);
        Assert.NotEmpty(store.Search("skylight"));
    }

    [Fact]
    public void The_stored_analysis_keeps_what_the_collection_stages_made_of_each_article()
    {
        var db = Path.Combine(_folder, "results.db");
        var report = Analyze(db, SamplesFolder);
        using var store = SqliteArticleStore.Open(db).Value;
        var loaded = store.LoadAnalysis().Articles.ToDictionary(a => a.Article.Id);
        foreach (var article in report.Analysis.Articles)
        {
            var back = loaded[article.Article.Id];
            Assert.Equal(article.Mentions.Select(m => (m.Start, m.End, m.Type, m.EntityId)), back.Mentions.Select(m => (m.Start, m.End, m.Type, m.EntityId)));
            Assert.Equal(article.Quotes.Select(q => (q.Content, q.Speaker, q.SpeakerEntityId)), back.Quotes.Select(q => (q.Content, q.Speaker, q.SpeakerEntityId)));
        }
        // Canonical entity ids, not the article-local ones the article stages gave: a speaker found by surname in one
        // article carries the entity every outlet's quotes are grouped under.
        var entityIds = report.Analysis.Entities.Select(e => e.Id).ToHashSet();
        Assert.All(loaded.Values.SelectMany(a => a.Quotes).Where(q => q.SpeakerEntityId is not null), q => Assert.Contains(q.SpeakerEntityId!, entityIds));
        // The next run's collection stages start again from each article's own layers.
        Assert.Contains(store.LoadArticles().SelectMany(a => a.Mentions), m => m.EntityId is { } id && !entityIds.Contains(id));
    }

    [Fact]
    public void A_database_from_before_the_per_article_results_gets_them_on_the_next_run()
    {
        var db = Path.Combine(_folder, "upgrade.db");
        var first = Analyze(db, SamplesFolder);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM article_results";
            delete.ExecuteNonQuery();
        }
        using (var store = SqliteArticleStore.Open(db).Value) Assert.True(store.CollectionIsStale);

        var again = Analyze(db, SamplesFolder);
        Assert.Equal(0, again.ArticlesAdded);
        using var reopened = SqliteArticleStore.Open(db).Value;
        Assert.False(reopened.CollectionIsStale);
        Assert.Equal(first.Analysis.Articles.SelectMany(a => a.Quotes.Select(q => q.Speaker)),
            reopened.LoadAnalysis().Articles.SelectMany(a => a.Quotes.Select(q => q.Speaker)));
    }

    [Fact]
    public void Removed_spans_and_segments_point_into_the_source_file()
    {
        var db = Path.Combine(_folder, "c.db");
        var report = Analyze(db, SamplesFolder);
        foreach (var article in report.AddedArticles.Where(a => File.Exists(a.Source) && !a.Source.EndsWith(".jsonl")))
        {
            var source = File.ReadAllText(article.Source);
            foreach (var removed in article.Removed) Assert.Equal(removed.Text, source[removed.Start..removed.End]);
            for (int i = 0; i < article.Text.Length; i++) Assert.Equal(article.Text[i], source[article.Offsets!.ToSource(i)]);
            Assert.InRange(article.SourceSpan.End, article.SourceSpan.Start, source.Length);
        }
    }

    [Fact]
    public void The_export_follows_the_published_json_schema()
    {
        var db = Path.Combine(_folder, "d.db");
        Analyze(db, SamplesFolder);
        using var store = SqliteArticleStore.Open(db).Value;
        var json = ExportWriter.ToJson(store.LoadAnalysis());
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "export.schema.json")))!.AsObject();
        Assert.Empty(MiniJsonSchema.Validate(json, schema));
        Assert.NotEmpty(json["articles"]!.AsArray());

        // The validator itself catches a broken record.
        json["articles"]![0]!.AsObject().Remove("published_basis");
        Assert.Contains(MiniJsonSchema.Validate(json, schema), e => e.Contains("published_basis"));
    }

    [Fact]
    public void Jsonl_and_markdown_exports_carry_every_article()
    {
        var db = Path.Combine(_folder, "e.db");
        var report = Analyze(db, SamplesFolder);
        using var store = SqliteArticleStore.Open(db).Value;
        var analysis = store.LoadAnalysis();
        var jsonl = new StringWriter();
        ExportWriter.Write(analysis, ExportFormat.Jsonl, jsonl);
        var lines = jsonl.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(report.ArticlesAdded, lines.Count(l => (string?)l["type"] == "article"));
        var md = new StringWriter();
        ExportWriter.Write(analysis, ExportFormat.Markdown, md);
        Assert.StartsWith("# Storyline report", md.ToString());
    }
}
