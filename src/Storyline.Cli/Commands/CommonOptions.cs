using System.CommandLine;
using Spectre.Console;
using Storyline.Storage;

namespace Storyline.Cli.Commands;

/// <summary>Options and helpers several commands share.</summary>
internal static class CommonOptions
{
    public const string DefaultDatabase = "storyline.db";

    public static Option<string> Database() => new("--db")
    {
        Description = $"SQLite database file (default: ./{DefaultDatabase}, created on first use by analyze)",
        DefaultValueFactory = _ => DefaultDatabase,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table" };

    /// <summary>Progress and problems go to stderr, so stdout stays clean for results and pipes.</summary>
    public static IAnsiConsole Stderr { get; } = Terminal.For(Console.Error, Console.IsErrorRedirected);

    /// <summary>Opens an existing database for reading; a missing one is an error, not something to create.</summary>
    public static SqliteArticleStore? OpenExisting(string path, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"error: no database at '{path}'. Run 'storyline analyze <paths> --db {path}' first.");
            exitCode = ExitCodes.NoInput;
            return null;
        }
        var opened = SqliteArticleStore.Open(path);
        if (!opened.TryGetValue(out var store))
        {
            Console.Error.WriteLine($"error: {opened.Problem}");
            exitCode = ExitCodes.DataError;
            return null;
        }
        return store;
    }
}
