using System.CommandLine;
using Spectre.Console;
using Storyline.Language;
using Storyline.Language.Ner;
using Storyline.Language.Pos;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline bench language [--data folder] [--split] [--rounds] [--unseen [--passes]]</c>: a quick tokens/s measurement on one thread.
/// The BenchmarkDotNet suite in bench/Storyline.Benchmarks is the careful measurement.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var layer = new Argument<string>("layer") { Description = "What to time: language" };
        var data = new Option<string?>("--data") { Description = "A UD folder whose raw document texts are timed (default: generated news-like text)" };
        var split = new Option<string>("--split") { Description = "Split of the UD folder", DefaultValueFactory = _ => "test" };
        var rounds = new Option<int>("--rounds") { Description = "Passes over the documents per step", DefaultValueFactory = _ => 3 };
        var unseen = new Option<bool>("--unseen") { Description = "Time the whole layer over the documents with no word form cached: the per-word caches are emptied before each pass (repeated rounds without it measure the warm caches)" };
        var passes = new Option<int>("--passes") { Description = "With --unseen: how many passes, each with emptied caches; the median pass is shown, with the slowest, the fastest and all passes together", DefaultValueFactory = _ => 9 };
        var command = new Command("bench", "Measure tokens per second of the language layer on one thread") { layer, data, split, rounds, unseen, passes };
        command.SetAction(parse =>
        {
            if (!string.Equals(parse.GetValue(layer), "language", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine("error: only 'language' can be timed");
                return ExitCodes.Usage;
            }
            var loaded = PosTagger.Shipped;
            if (!loaded.TryGetValue(out var tagger))
            {
                Console.Error.WriteLine($"error: {loaded.Problem}");
                return ExitCodes.Software;
            }
            var folder = parse.GetValue(data);
            var documents = folder is null ? LanguageThroughput.Generated(300) : LanguageThroughput.DocumentsFrom(folder, parse.GetValue(split)!);
            if (documents.Count == 0)
            {
                Console.Error.WriteLine($"error: no documents found in {folder} for split '{parse.GetValue(split)}'");
                return ExitCodes.NoInput;
            }
            var ner = EntityRecognizer.Embedded;
            if (!ner.TryGetValue(out var recognizer))
            {
                Console.Error.WriteLine($"error: {ner.Problem}");
                return ExitCodes.Software;
            }
            var figures = parse.GetValue(unseen)
                ? LanguageThroughput.MeasureUnseen(documents, tagger, recognizer, parse.GetValue(passes))
                : LanguageThroughput.Measure(documents, tagger, parse.GetValue(rounds), recognizer);
            var table = new Table().Title(Markup.Escape($"{documents.Count} documents from {folder ?? "generated text"}"));
            foreach (var c in new[] { "step", "tokens", "tokens/s (wall)", "tokens/s (CPU)" }) table.AddColumn(c);
            foreach (var f in figures)
                table.AddRow(Markup.Escape(f.Step), f.Tokens.ToString("N0"), f.TokensPerSecond.ToString("N0"), f.TokensPerCpuSecond.ToString("N0"));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
