using Spectre.Console;

namespace Storyline.Cli.Commands;

/// <summary>
/// Colour and bold codes are for a person at a terminal. When a stream goes to a pipe or a file, or NO_COLOR is set
/// (no-color.org), it gets plain text, so that `storyline quotes … > quotes.txt` reads cleanly in any editor.
/// Spectre decides from TERM alone, which says nothing about where the stream goes.
/// </summary>
internal static class Terminal
{
    public static IAnsiConsole For(TextWriter writer, bool redirected)
    {
        var plain = redirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
    }

    /// <summary>Called once at start-up: every command writes results through <see cref="AnsiConsole"/>.</summary>
    public static void ConfigureStandardOutput() => AnsiConsole.Console = For(Console.Out, Console.IsOutputRedirected);
}
