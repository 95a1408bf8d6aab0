using Pipeline.Client.Commands;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Scenarios;

/// <summary><c>run --scenarios FILE</c> through the real command line (a child process running the embedded Orleans silo).</summary>
public class ScenarioCliTests
{
    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "malformed", """[{"name": "a", "firms": [1005,""", "not valid JSON" },
        { "not_a_list", """{"name": "a", "firms": [1005]}""", "expected a JSON list" },
        { "bad_name", """[{"name": "Shoes-Exit", "firms": [1005]}]""", "[a-z0-9_]{1,64}" },
        { "long_name", $$"""[{"name": "{{new string('a', 65)}}", "firms": [1005]}]""", "[a-z0-9_]{1,64}" },
        { "duplicate", """[{"name": "a", "firms": [1005]}, {"name": "a", "firms": [1010]}]""", "used twice" },
        { "built_in", """[{"name": "lead_firm_exit", "firms": [1005]}]""", "built-in scenario" },
        { "not_an_id", """[{"name": "a", "firms": ["1005"]}]""", "is not an int64" },
        { "unknown_firm", """[{"name": "a", "firms": [1005, 999999]}]""", "firm 999999" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_scenarios_file_exits_2_with_one_message_and_publishes_nothing(string name, string content, string message)
    {
        using var folder = new TempFolder();
        var file = folder.File($"{name}.json");
        File.WriteAllText(file, content);
        var output = Path.Combine(folder.Path, "out");
        var r = await PipelineProcess.RunAsync(["run", "--input", FixtureRun.InputFolder, "--output", output, "--run-id", "bad", "--scenarios", file, "--plain"]);
        Assert.True(r.ExitCode == ExitCodes.BadInput, r.Output);
        var errors = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(errors.Length == 1 && errors[0].StartsWith("error: ", StringComparison.Ordinal) && errors[0].Contains(message, StringComparison.Ordinal), r.Output);
        Assert.False(File.Exists(Path.Combine(output, "latest")));
        Assert.False(File.Exists(Path.Combine(output, "runs", "bad", "_manifest.json")));
        Assert.False(Directory.Exists(Path.Combine(output, "runs", "bad", "scenario_metrics")));
        if (name != "unknown_firm") Assert.False(Directory.Exists(output), "a file refused before the run starts writes nothing at all");
        else Assert.Empty(Directory.Exists(output) ? Directory.GetFiles(output, "*", SearchOption.AllDirectories) : []); // found after the read: the run's folder is removed
    }

    [Fact]
    public async Task Scenarios_through_the_cli_and_the_grains_give_the_reference_rows_and_report_their_time()
    {
        var (input, scenarios, expected) = ScenarioFixtureTests.Paths("e2e");
        using var output = new TempFolder();
        var r = await PipelineProcess.RunAsync(["run", "--input", input, "--output", output.Path, "--run-id", "cli", "--scenarios", scenarios, "--plain"]);
        Assert.True(r.ExitCode == ExitCodes.Ok, r.Output);
        Assert.Matches(@"scenarios: \d+\.\d\d s summed over cluster units, 30 rows", r.Stdout);
        var run = Path.Combine(output.Path, "runs", "cli");
        ScenarioFixtureTests.AssertMatches(expected, DuckDb.Query($"SELECT * FROM {TableParts.ReadParquet(run, "scenario_metrics")}"), "cli e2e");
        Assert.Contains("\"name\":\"yiwu_traders\",\"firms\":[1353,1356,1359]", ScenarioFixtureTests.ManifestScenarios(run)); // the file's scenarios reach the manifest through the grains
    }
}
