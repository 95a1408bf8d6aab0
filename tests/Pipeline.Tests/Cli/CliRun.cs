using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Cli;

/// <summary>One run of the committed fixture by the real `pipeline run` process (stdout redirected), shared by the CLI convention tests.</summary>
public sealed class CliRun : IAsyncLifetime
{
    public const string RunId = "cli-1";

    /// <summary>A terminal-ish environment, so a console library that looked only at TERM would emit colour.</summary>
    public static readonly IReadOnlyDictionary<string, string> ColourTerminal = new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["COLORTERM"] = "truecolor" };

    public TempFolder Output { get; } = new();
    public ProcessResult Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Run = await PipelineProcess.RunAsync(["run", "--input", FixtureRun.InputFolder, "-o", Output.Path, "--run-id", RunId], ColourTerminal);
        Assert.True(Run.ExitCode == 0, Run.Output);
    }

    public Task DisposeAsync()
    {
        Output.Dispose();
        return Task.CompletedTask;
    }

    public static Task<ProcessResult> Pipeline(params string[] args) => PipelineProcess.RunAsync(args, ColourTerminal);
}
