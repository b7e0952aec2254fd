using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Storyline.Ingest;
using Storyline.Ingest.Http;
using Storyline.Pipeline;
using Storyline.Segmentation;
using Storyline.Storage;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline analyze &lt;paths…&gt;</c>: ingest, run the pipeline, store, and print the stories found.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, folders, http(s) URLs, or - for stdin", Arity = ArgumentArity.OneOrMore };
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var maxBytes = new Option<long>("--max-bytes") { Description = "Skip inputs larger than this many bytes", DefaultValueFactory = _ => IngestOptions.DefaultMaxBytes };
        var fetch = new Option<bool>("--fetch") { Description = "For feed entries that carry only a link, fetch the linked page (politely: rate-limited, with a timeout and a size cap)" };
        var command = new Command("analyze", "Ingest articles, find stories, entities, quotes and timelines, and store them") { paths, db, json, maxBytes, fetch };
        command.SetAction(parse =>
        {
            long limit = parse.GetValue(maxBytes);
            // URLs named on the command line are always fetched; --fetch only decides about pages that feeds link to.
            using var fetcher = new HttpFetcher(new HttpFetcherOptions { MaxBytes = limit });
            var options = new IngestOptions { MaxBytes = limit, FetchLinkedPages = parse.GetValue(fetch), Fetcher = fetcher };
            return Run(parse.GetValue(paths)!, parse.GetValue(db)!, parse.GetValue(json), options);
        });
        return command;
    }

    private static int Run(string[] paths, string dbPath, bool asJson, IngestOptions options)
    {
        var opened = SqliteArticleStore.Open(dbPath);
        if (!opened.TryGetValue(out var store))
        {
            Console.Error.WriteLine($"error: {opened.Problem}");
            return ExitCodes.CannotCreate;
        }
        using (store)
        {
            var run = new AnalysisRun(Ingestor.CreateDefault(options), new ArticleFactory(), DefaultPipeline.Create(store.LoadState,
                notice => CommonOptions.Stderr.MarkupLine($"[yellow]note[/] {Markup.Escape(notice)}")), store);
            var progress = new CallbackProgress<RunProgress>(p =>
            {
                if (p.Phase == "problem") CommonOptions.Stderr.MarkupLine($"[yellow]skipped[/] {Markup.Escape(p.Item ?? "")}");
                else if (p.Phase == "analyze") CommonOptions.Stderr.MarkupLine($"[grey]analyzed {p.Done}: {Markup.Escape(p.Item ?? "")}[/]");
                else CommonOptions.Stderr.MarkupLine($"[grey]stage {Markup.Escape(p.Phase)} done[/]");
            });
            var report = run.Run(paths, progress);
            if (asJson) PrintJson(report);
            else PrintTable(report, dbPath);
            if (report.DocumentsRead == 0 && report.Problems.Count > 0) return ExitCodes.NoInput;
            return report.Problems.Count > 0 ? ExitCodes.PartialInput : ExitCodes.Ok;
        }
    }

    private static void PrintTable(RunReport report, string dbPath)
    {
        var analysis = report.Analysis;
        AnsiConsole.MarkupLine($"Read {report.DocumentsRead} document(s): {report.ArticlesAdded} new article(s), " +
            $"{report.DocumentsAlreadyStored + report.ArticlesAlreadyStored} already stored, {report.Problems.Count} skipped as bad input. Database: {Markup.Escape(dbPath)}");
        StoriesCommand.PrintStories(analysis);
    }

    private static void PrintJson(RunReport report)
    {
        var json = new JsonObject
        {
            ["documents_read"] = report.DocumentsRead,
            ["documents_already_stored"] = report.DocumentsAlreadyStored,
            ["articles_added"] = report.ArticlesAdded,
            ["articles_already_stored"] = report.ArticlesAlreadyStored,
            ["problems"] = new JsonArray(report.Problems.Select(p => (JsonNode?)p).ToArray()),
            ["stories"] = StoriesCommand.StoriesJson(report.Analysis),
        };
        Console.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
