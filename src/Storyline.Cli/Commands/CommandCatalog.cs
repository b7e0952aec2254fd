using System.CommandLine;

namespace Storyline.Cli.Commands;

/// <summary>Every subcommand of the CLI, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
    [
        AnalyzeCommand.Create(),
        StoriesCommand.Create(),
        ShowCommand.Create(),
        TimelineCommand.Create(),
        QuotesCommand.Create(),
        ExportCommand.Create(),
        EvalCommand.Create(),
        TrainCommand.Create(),
        BenchCommand.Create(),
        ScoreCommand.Create(),
    ];
}
