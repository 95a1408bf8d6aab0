using Spectre.Console;

namespace Pipeline.Client.Cli;

/// <summary>
/// The console every command writes through (<see cref="AnsiConsole.Console"/>): ANSI escapes (colour, bold, cursor
/// movement) only when stdout is a terminal and <c>NO_COLOR</c> is not set; when stdout is redirected, no wrapping to a
/// fixed width either, so <c>pipeline runs | less</c> or <c>&gt; file</c> gets whole lines without escape codes.
/// </summary>
public static class CliConsole
{
    /// <summary>Width of a redirected stdout: wide enough that no table or line wraps.</summary>
    public const int UnboundedWidth = short.MaxValue;

    /// <summary><c>NO_COLOR</c> present and not empty (https://no-color.org).</summary>
    public static bool NoColor => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>Escape codes may be written to stdout: a terminal, and no <c>NO_COLOR</c>.</summary>
    public static bool EscapesAllowed => !System.Console.IsOutputRedirected && !NoColor;

    /// <summary>Makes <see cref="AnsiConsole.Console"/> follow these rules (called once per invocation).</summary>
    public static void Install() => AnsiConsole.Console = Create(System.Console.Out, System.Console.IsOutputRedirected, NoColor);

    /// <summary>A console on <paramref name="output"/>: plain (no escapes, not interactive) when redirected or NO_COLOR; unbounded width when redirected.</summary>
    public static IAnsiConsole Create(TextWriter output, bool redirected, bool noColor)
    {
        bool escapes = !redirected && !noColor;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = escapes ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = escapes ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            // Live progress needs cursor movement: without escapes `run` prints plain progress lines instead.
            Interactive = escapes ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (redirected) console.Profile.Width = UnboundedWidth;
        return console;
    }
}
