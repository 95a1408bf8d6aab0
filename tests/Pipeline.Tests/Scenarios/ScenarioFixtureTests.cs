using System.Text.Json;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Scenarios;
using Pipeline.Grains.Units;
using Pipeline.Storage;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Scenarios;

/// <summary>
/// scenario_metrics, column by column, against tests/fixtures/scenarios/make_scenario_fixtures.py (NetworkX on each
/// cluster graph with the firm or edges removed; plain Python for the choice of firm and the exposure columns): on the
/// committed e2e fixture and on five random data sets with ties, 0-, 1- and 2-firm clusters, a cluster that sells to
/// no outside firm, one with no foreign link, a foreign firm inside a cluster and user scenarios over two clusters.
/// </summary>
public class ScenarioFixtureTests
{
    public static TheoryData<string> Fixtures => new() { "e2e", "random-1", "random-2", "random-3", "random-4", "random-5" };

    internal static (string Input, string Scenarios, string Expected) Paths(string fixture) => fixture == "e2e"
        ? (FixtureRun.InputFolder, Repo.Path("tests", "fixtures", "e2e", "scenarios.json"), Path.Combine(FixtureRun.ExpectedFolder, "scenario_metrics.json"))
        : (Repo.Path("tests", "fixtures", "scenarios", fixture, "input"), Repo.Path("tests", "fixtures", "scenarios", fixture, "scenarios.json"),
            Repo.Path("tests", "fixtures", "scenarios", fixture, "expected", "scenario_metrics.json"));

    internal static async Task<string> RunAsync(string input, string output, MetricSettings settings, string runId = "scenarios")
    {
        var request = new RunRequest(new LocalFolderStore(input), new LocalFolderStore(output)) { RunId = runId, Settings = settings };
        var result = await new RunCoordinator(new UnitByUnitEngine(2), NullRunObserver.Instance).RunAsync(request);
        return Path.Combine(output, "runs", result.RunId);
    }

    internal static void AssertMatches(string expectedFile, IReadOnlyList<JsonElement> actual, string fixture)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(expectedFile));
        var expected = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected[0].EnumerateObject().Select(p => p.Name).Order(), actual[0].EnumerateObject().Select(p => p.Name).Order());
        for (int i = 0; i < expected.Count; i++)
            Compare.Rows(expected[i], actual[i], $"{fixture} scenario_metrics[{expected[i].GetProperty("cluster_id")}/{expected[i].GetProperty("scenario")}]");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Scenario_metrics_match_the_NetworkX_reference_row_by_row_in_key_order(string fixture)
    {
        var (input, scenarios, expected) = Paths(fixture);
        using var output = new TempFolder();
        var run = await RunAsync(input, output.Path, new MetricSettings { UserScenarios = ScenarioFile.Read(scenarios) });
        // No ORDER BY: the file's own order must be the contract's (cluster_id, then scenario).
        var actual = DuckDb.Query($"SELECT * FROM {TableParts.ReadParquet(run, "scenario_metrics")}");
        AssertMatches(expected, actual, fixture);
    }

    [Fact]
    public async Task Keys_and_counts_are_required_ratios_and_the_removed_firm_optional()
    {
        using var output = new TempFolder();
        var run = await RunAsync(FixtureRun.InputFolder, output.Path, new MetricSettings());
        var schema = DuckDb.ParquetSchema(Path.Combine(run, "scenario_metrics", "part-00000.parquet"));
        Assert.Equal(("REQUIRED", "BYTE_ARRAY"), schema["cluster_id"]);
        Assert.Equal(("REQUIRED", "BYTE_ARRAY"), schema["scenario"]);
        Assert.Equal(("OPTIONAL", "INT64"), schema["removed_firm_id"]);
        Assert.Equal(("REQUIRED", "INT64"), schema["firms_after"]);
        Assert.Equal(("REQUIRED", "INT64"), schema["employees_exposed"]);
        Assert.Equal(("REQUIRED", "DOUBLE"), schema["revenue_at_risk"]);
        Assert.Equal(("OPTIONAL", "DOUBLE"), schema["density_after"]);
        var manifest = RunJson.Deserialize<RunManifest>(File.ReadAllBytes(Path.Combine(run, "_manifest.json")))!;
        Assert.Equal(6 * 4, manifest.Tables["scenario_metrics"].Rows); // built-ins on the 6 clusters with firms; none on the empty one
        var current = File.ReadAllText(Path.Combine(output.Path, "current.json"));
        Assert.Contains("runs/scenarios/scenario_metrics/**/*.parquet", current);
    }

    [Fact]
    public async Task Scenarios_only_add_a_table_the_others_are_byte_identical_with_them_or_without()
    {
        using var with = new TempFolder();
        using var without = new TempFolder();
        var runWith = await RunAsync(FixtureRun.InputFolder, with.Path,
            new MetricSettings { UserScenarios = ScenarioFile.Read(Paths("e2e").Scenarios) }, "same");
        var runWithout = await RunAsync(FixtureRun.InputFolder, without.Path, new MetricSettings { Scenarios = false }, "same");
        Assert.False(Directory.Exists(Path.Combine(runWithout, "scenario_metrics")));
        Assert.True(Directory.Exists(Path.Combine(runWith, "scenario_metrics")));
        Assert.Equal("""{"built_in":["foreign_demand_stop","lead_firm_exit","top_broker_exit","top_buyer_exit"],"user":[{"name":"shoes_and_socks_hubs","firms":[1005,1206]},{"name":"yiwu_traders","firms":[1353,1356,1359]}]}""",
            ManifestScenarios(runWith));
        Assert.Null(ManifestScenarios(runWithout)); // no scenario table, no scenarios in the manifest
        foreach (var table in new[] { "firm_metrics", "cluster_metrics", "region_metrics", "quarantine" })
        {
            var parts = TableParts.Of(runWithout, table);
            Assert.Equal(parts, TableParts.Of(runWith, table));
            foreach (var part in parts)
                Assert.True(File.ReadAllBytes(Path.Combine(runWithout, table, part)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(runWith, table, part))),
                    $"{table}/{part} differs with scenarios on");
        }
    }

    /// <summary>The manifest's <c>scenarios</c> object as compact JSON, or null when the manifest has none.</summary>
    internal static string? ManifestScenarios(string run)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "_manifest.json")));
        return manifest.RootElement.TryGetProperty("scenarios", out var scenarios)
            ? System.Text.Json.JsonSerializer.Serialize(scenarios)
            : null;
    }
}
