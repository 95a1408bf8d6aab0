using Pipeline.Grains.Input;
using Pipeline.Grains.Runs;
using Pipeline.Storage;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Runs;

/// <summary>Run ids, immutability of finished runs, --replace, and "nothing published" on failure.</summary>
public class RunLifecycleTests
{
    private static Task<RunResult> Run(string input, string output, string? runId, bool replace = false, int parallelism = 2) =>
        new RunCoordinator(new UnitByUnitEngine(parallelism), NullRunObserver.Instance)
            .RunAsync(new RunRequest(new LocalFolderStore(input), new LocalFolderStore(output)) { RunId = runId, Replace = replace });

    [Theory]
    [InlineData("20261122T020000Z", true)]
    [InlineData("nightly_2026-11-22.v2", true)]
    [InlineData("", false)]
    [InlineData("..", false)]
    [InlineData("a/b", false)]
    [InlineData("spaces are bad", false)]
    public void Run_ids_follow_the_contract(string id, bool valid) => Assert.Equal(valid, RunId.IsValid(id));

    [Fact]
    public void Default_run_id_is_the_utc_start_time() =>
        Assert.Equal("20261122T020000Z", RunId.FromStartTime(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8))));

    [Fact]
    public async Task A_finished_run_is_immutable_unless_replaced()
    {
        using var output = new TempFolder();
        var first = await Run(FixtureRun.InputFolder, output.Path, "r1");
        var manifestPath = Path.Combine(output.Path, "runs", "r1", "_manifest.json");
        var before = File.ReadAllBytes(manifestPath);
        var e = await Assert.ThrowsAsync<RunExistsException>(() => Run(FixtureRun.InputFolder, output.Path, "r1"));
        Assert.Contains("--replace", e.Message);
        Assert.Equal(before, File.ReadAllBytes(manifestPath));

        var second = await Run(FixtureRun.InputFolder, output.Path, "r1", replace: true);
        Assert.Equal(first.Manifest.Tables["firm_metrics"].Rows, second.Manifest.Tables["firm_metrics"].Rows);
        Assert.Equal("r1", File.ReadAllText(Path.Combine(output.Path, "latest")).Trim());
    }

    [Fact]
    public async Task Same_input_gives_byte_identical_tables()
    {
        using var output = new TempFolder();
        // One worker, then three: the fixture's largest cluster is a giant unit for three workers, so run "b"
        // computes it with its Brandes sources spread over all workers — the bytes must not change.
        var read = await DatasetReader.ReadAsync(new LocalFolderStore(FixtureRun.InputFolder));
        var plan = new Pipeline.Grains.Partitioning.PartitionedInput(read.Dataset, new Pipeline.Grains.Units.MetricSettings()).Plan;
        Assert.IsType<Pipeline.Grains.Partitioning.ClusterUnit>(plan[0]);
        Assert.True(plan[0].Cost >= plan.Sum(u => u.Cost) / (Pipeline.Orleans.Runs.GrainUnitEngine.GiantShare * 3));
        await Run(FixtureRun.InputFolder, output.Path, "a", parallelism: 1);
        await Run(FixtureRun.InputFolder, output.Path, "b", parallelism: 3);
        foreach (var table in new[] { "firm_metrics", "cluster_metrics", "region_metrics", "quarantine" })
        foreach (var part in TableParts.Of(Path.Combine(output.Path, "runs", "a"), table))
        {
            Assert.Equal(TableParts.Of(Path.Combine(output.Path, "runs", "a"), table), TableParts.Of(Path.Combine(output.Path, "runs", "b"), table));
            var a = File.ReadAllBytes(Path.Combine(output.Path, "runs", "a", table, part));
            var b = File.ReadAllBytes(Path.Combine(output.Path, "runs", "b", table, part));
            // The files differ only in the run id recorded in their key-value metadata.
            Assert.Equal(a.Length, b.Length);
            Assert.True(a.Zip(b).Count(p => p.First != p.Second) <= 1, $"{table} differs in more than the run id");
        }
        Assert.Equal("b", File.ReadAllText(Path.Combine(output.Path, "latest")).Trim());
    }

    [Fact]
    public async Task A_missing_table_fails_before_anything_is_written()
    {
        using var input = new TempFolder(FixtureRun.InputFolder);
        File.Delete(input.File("firms.csv"));
        using var output = new TempFolder();
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => Run(input.Path, output.Path, "broken"));
        Assert.Contains("firms", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(output.Path));
    }

    [Fact]
    public async Task A_run_that_fails_midway_records_failed_and_publishes_nothing()
    {
        using var input = new TempFolder(FixtureRun.InputFolder);
        // A links table whose header lacks a required column fails while reading, after the run folder exists.
        input.Write("links.csv", "src_firm_id,kind\n1,supply\n");
        using var output = new TempFolder();
        await Assert.ThrowsAsync<InputUnreadableException>(() => Run(input.Path, output.Path, "half"));
        Assert.False(File.Exists(Path.Combine(output.Path, "runs", "half", "_manifest.json")));
        Assert.False(File.Exists(Path.Combine(output.Path, "latest")));
        var status = RunJson.Deserialize<RunStatus>(File.ReadAllBytes(Path.Combine(output.Path, "runs", "half", "_status.json")))!;
        Assert.Equal(RunState.Failed, status.State);
        Assert.Contains("dst_firm_id", status.Error);
    }
}
