using Pipeline.Client.Commands;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Runs;

/// <summary>The CLI's exit codes and defaults, invoked in-process.</summary>
[Collection("console")]
public class CommandLineTests
{
    private static Task<int> Cli(params string[] args) => Pipeline.Client.Program.Main(args);

    [Fact]
    public async Task Run_without_input_generates_the_sample_and_publishes_a_run()
    {
        using var output = new TempFolder();
        Assert.Equal(ExitCodes.Ok, await Cli("run", "--output", output.Path, "--run-id", "sample-1", "--plain"));
        var run = Path.Combine(output.Path, "runs", "sample-1");
        foreach (var table in new[] { "firm_metrics", "cluster_metrics", "region_metrics", "quarantine" })
            Assert.NotEmpty(TableParts.Of(run, table));
        Assert.True(File.Exists(Path.Combine(run, "_manifest.json")));
        var clusters = DuckDb.Query($"SELECT count(*) AS n, sum(firms) AS firms FROM read_parquet({DuckDb.Literal(Path.Combine(run, "cluster_metrics", "*.parquet"))})")[0];
        Assert.True(long.Parse(clusters.GetProperty("n").GetString()!) >= 10);
        Assert.True(long.Parse(clusters.GetProperty("firms").GetString()!) >= 1000);

        Assert.Equal(ExitCodes.RunExists, await Cli("run", "--output", output.Path, "--run-id", "sample-1", "--plain"));
        Assert.Equal(ExitCodes.Ok, await Cli("run", "--output", output.Path, "--run-id", "sample-1", "--replace", "--plain"));
    }

    [Fact]
    public async Task Bad_input_and_bad_settings_exit_with_2()
    {
        using var input = new TempFolder(FixtureRun.InputFolder);
        File.Delete(input.File("clusters.csv"));
        using var output = new TempFolder();
        Assert.Equal(ExitCodes.BadInput, await Cli("run", "--input", input.Path, "--output", output.Path, "--plain"));
        Assert.Equal(ExitCodes.BadInput, await Cli("run", "--input", FixtureRun.InputFolder, "--output", output.Path, "--shock", "2009:2008", "--plain"));
        Assert.Equal(ExitCodes.BadInput, await Cli("run", "--input", FixtureRun.InputFolder, "--output", output.Path, "--run-id", "bad/id", "--plain"));
        Assert.False(File.Exists(Path.Combine(output.Path, "latest")));
    }
}
