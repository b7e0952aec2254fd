using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using Storyline.Documents;
using Storyline.Evaluation;
using Storyline.Language;
using Storyline.Language.Ner;
using Storyline.Pipeline;

namespace Storyline.Stories;

/// <summary>
/// <c>storyline eval stories</c>: clusters a dataset's articles with <see cref="StoryIndex"/> (one batch, empty
/// index) and scores the partition against the gold clusters with B-cubed and pairwise precision, recall and F1.
/// Two layouts are recognised: ECB+ (<c>ecbplus_documents.jsonl</c>; gold = <c>cluster</c>, topic + subtopic)
/// and the UCI News Aggregator CSV (headlines; gold = <c>STORY</c>).
/// </summary>
public sealed class StoryEvaluation(StoryOptions? options = null) : IEvaluation
{
    private readonly StoryOptions _options = options ?? StoryOptions.Default;

    public string Task => "stories";
    public string Description => "Story clustering: B-cubed and pairwise F1 against gold event clusters (ECB+ or UCI headlines)";
    public string DefaultDataset => "ecbplus-event-coref-news-clusters";

    /// <summary>A dataset turned into articles with their gold clusters.</summary>
    public sealed record LabelledArticles(string Name, IReadOnlyList<Article> Articles, IReadOnlyDictionary<string, string> Gold)
    {
        /// <summary>A coarser gold partition for context (ECB+ topics), or null.</summary>
        public IReadOnlyDictionary<string, string>? CoarseGold { get; init; }
    }

    public Outcome<EvaluationReport> Run(EvaluationRequest request)
    {
        var loaded = Load(request.DataFolder, request.Limit);
        if (!loaded.TryGetValue(out var data)) return Outcome<EvaluationReport>.Fail(loaded.Problem!);
        request.Progress?.Report($"{data.Name}: clustering {data.Articles.Count} articles");

        // Modes (passed as --split): "incremental" adds the articles in two batches through save/load; "ner" runs
        // the language and NER stages first, so names come from NER mentions instead of the proper-noun heuristic.
        bool incremental = string.Equals(request.Split, "incremental", StringComparison.OrdinalIgnoreCase);
        bool ner = string.Equals(request.Split, "ner", StringComparison.OrdinalIgnoreCase);
        if (request.Split is not null && !incremental && !ner)
            return Outcome<EvaluationReport>.Fail($"unknown split '{request.Split}': the stories evaluation knows 'incremental' and 'ner' (or none for one batch)");
        var nerPipeline = ner ? new PipelineBuilder().UseLanguage().UseNer().Build() : null;
        var analyzed = data.Articles.Select(a => nerPipeline?.Analyze(a) ?? new AnalyzedArticle(a)).ToList();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var index = new StoryIndex(_options);
        if (incremental)
        {
            // Every other article first, then the index is saved, loaded and given the rest: the path stored
            // stories take when later articles arrive.
            index.Add(analyzed.Where((_, i) => i % 2 == 0));
            index = StoryIndex.FromBytes(index.ToBytes(), _options).Value;
            index.Add(analyzed.Where((_, i) => i % 2 == 1));
        }
        else index.Add(analyzed);
        double seconds = started.Elapsed.TotalSeconds;
        var predicted = data.Articles.ToDictionary(a => a.Id, a => index.StoryOf(a.Id)!);

        var report = new EvaluationReport(Task, request.DataFolder);
        var rows = new List<IReadOnlyList<string>>();
        var mode = incremental ? "incremental." : ner ? "ner." : "";
        void Score(string gold, IReadOnlyDictionary<string, string> labels)
        {
            var s = ClusteringScores.Score(predicted, labels);
            var key = $"stories.{data.Name}.{mode}{gold}";
            report.Figures[key + ".bcubed_precision"] = s.BCubedPrecision;
            report.Figures[key + ".bcubed_recall"] = s.BCubedRecall;
            report.Figures[key + ".bcubed_f1"] = s.BCubedF1;
            report.Figures[key + ".pairwise_f1"] = s.Pairs.F1;
            report.Figures[key + ".predicted_clusters"] = s.PredictedClusters;
            report.Figures[key + ".gold_clusters"] = s.GoldClusters;
            rows.Add([data.Name + (incremental ? " (2 batches)" : ner ? " (NER names)" : ""), gold, s.Items.ToString(CultureInfo.InvariantCulture),
                s.GoldClusters.ToString(CultureInfo.InvariantCulture), s.PredictedClusters.ToString(CultureInfo.InvariantCulture),
                EvaluationReport.Format(s.BCubedPrecision), EvaluationReport.Format(s.BCubedRecall), EvaluationReport.Format(s.BCubedF1),
                EvaluationReport.Format(s.Pairs.Precision), EvaluationReport.Format(s.Pairs.Recall), EvaluationReport.Format(s.Pairs.F1)]);
        }
        Score("cluster", data.Gold);
        if (data.CoarseGold is { } coarse) Score("topic", coarse);
        report.AddTable("Story clustering", ["data", "gold", "docs", "gold clusters", "stories", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1"], rows);
        report.Figures[$"stories.{data.Name}.articles_per_second"] = data.Articles.Count / Math.Max(seconds, 1e-6);
        report.Notes.Add($"link threshold {_options.LinkThreshold}, {data.Articles.Count / Math.Max(seconds, 1e-6):0} articles/s (clustering only)");
        if (data.CoarseGold is not null)
            report.Notes.Add("'cluster' (topic + ecb/ecbplus subtopic) is the target; 'topic' scores the same output against topics, for context.");

        if (request.PredictionsPath is { } path)
        {
            var ordered = new SortedDictionary<string, string>(predicted, StringComparer.Ordinal);
            File.WriteAllText(path, JsonSerializer.Serialize(ordered, new JsonSerializerOptions { WriteIndented = true }));
        }
        return Outcome<EvaluationReport>.Ok(report);
    }

    /// <summary>Reads whichever supported layout the folder holds.</summary>
    public static Outcome<LabelledArticles> Load(string folder, int? limit = null)
    {
        var ecb = Path.Combine(folder, "ecbplus_documents.jsonl");
        if (File.Exists(ecb)) return LoadEcbPlus(ecb, limit);
        var csv = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal).FirstOrDefault(IsUciCsv) : null;
        if (csv is not null) return LoadUci(csv, limit);
        return Outcome<LabelledArticles>.Fail($"{folder} holds neither ecbplus_documents.jsonl nor a UCI News Aggregator CSV (ID,TITLE,…,STORY,…,TIMESTAMP)");
    }

    private static bool IsUciCsv(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? "";
        return header.Contains("TITLE", StringComparison.Ordinal) && header.Contains("STORY", StringComparison.Ordinal);
    }

    private static Outcome<LabelledArticles> LoadEcbPlus(string path, int? limit)
    {
        var articles = new List<Article>();
        var gold = new Dictionary<string, string>(StringComparer.Ordinal);
        var topics = new Dictionary<string, string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (limit is { } l && articles.Count >= l) break;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (!root.TryGetProperty("doc_id", out var idElement) || !root.TryGetProperty("sentences", out var sentences))
                return Outcome<LabelledArticles>.Fail($"{path}:{lineNumber}: expected doc_id and sentences");
            var id = idElement.GetString()!;
            var text = string.Join("\n", sentences.EnumerateArray().Select(s => s.GetString()));
            string? url = root.TryGetProperty("source_url_tokens", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            var metadata = DocumentMetadata.Empty with { Id = id, Url = url };
            articles.Add(NewArticle(id, path + "#" + lineNumber, null, text, PublicationDate.Unknown("not given by the dataset"), metadata));
            gold[id] = root.GetProperty("cluster").GetString()!;
            topics[id] = root.GetProperty("topic").ToString();
        }
        return Outcome<LabelledArticles>.Ok(new LabelledArticles("ecbplus", articles, gold) { CoarseGold = topics });
    }

    private static Outcome<LabelledArticles> LoadUci(string path, int? limit)
    {
        var articles = new List<Article>();
        var gold = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = ParseCsvLine(reader.ReadLine() ?? "");
        int Column(string name) => header.IndexOf(name);
        int idColumn = Column("ID"), titleColumn = Column("TITLE"), urlColumn = Column("URL"), publisherColumn = Column("PUBLISHER"),
            storyColumn = Column("STORY"), timeColumn = Column("TIMESTAMP");
        if (idColumn < 0 || titleColumn < 0 || storyColumn < 0) return Outcome<LabelledArticles>.Fail($"{path}: missing ID, TITLE or STORY column");
        int lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            if (limit is { } l && articles.Count >= l) break;
            var fields = ParseCsvLine(line);
            if (fields.Count < header.Count) return Outcome<LabelledArticles>.Fail($"{path}:{lineNumber}: expected {header.Count} fields, found {fields.Count}");
            var id = fields[idColumn];
            var title = fields[titleColumn];
            var published = timeColumn >= 0 && long.TryParse(fields[timeColumn], out var ms)
                ? new PublicationDate(Instant.FromUnixTimeMilliseconds(ms).InUtc().Date, DateBases.Metadata, "TIMESTAMP column")
                : PublicationDate.Unknown("no TIMESTAMP");
            var metadata = DocumentMetadata.Empty with
            {
                Id = id,
                Title = title,
                Url = urlColumn >= 0 ? fields[urlColumn] : null,
                Outlet = publisherColumn >= 0 ? fields[publisherColumn] : null,
            };
            articles.Add(NewArticle(id, path + "#" + lineNumber, title, title, published, metadata));
            gold[id] = fields[storyColumn];
        }
        return Outcome<LabelledArticles>.Ok(new LabelledArticles("uci", articles, gold));
    }

    private static Article NewArticle(string id, string source, string? title, string text, PublicationDate published, DocumentMetadata metadata) =>
        new(id, source, title, text, published, new TextSpan(0, text.Length), [], metadata);

    /// <summary>One RFC 4180 line: fields separated by commas, quoted fields may hold commas and doubled quotes.</summary>
    internal static List<string> ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
