using Pipeline.Client.Commands;
using Pipeline.Grains.Runs;
using Pipeline.Storage;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Scheduling;

/// <summary><c>runs</c>: the history read back from the output store's run folders, for finished, failed, running and broken runs.</summary>
[Collection("console")]
public class RunHistoryTests
{
    [Fact]
    public async Task Runs_are_listed_from_status_and_manifest_files_newest_first()
    {
        using var output = new TempFolder();
        var store = new LocalFolderStore(output.Path);
        var finished = await new RunCoordinator(new UnitByUnitEngine(2), NullRunObserver.Instance)
            .RunAsync(new RunRequest(new LocalFolderStore(FixtureRun.InputFolder), store) { RunId = "20261122T020000Z", Trigger = RunTriggers.Scheduled });

        // A run whose input cannot be read fails before publishing: _status.json says failed.
        using var broken = new TempFolder(FixtureRun.InputFolder);
        File.WriteAllText(broken.File("firms.csv"), ""); // no header: unreadable
        await Assert.ThrowsAnyAsync<Exception>(() => new RunCoordinator(new UnitByUnitEngine(1), NullRunObserver.Instance)
            .RunAsync(new RunRequest(new LocalFolderStore(broken.Path), store) { RunId = "20261123T020000Z" }));

        // A run still going (written as the coordinator writes it), and a folder with only a stray part.
        var started = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        await new RunPublisher(store, new RunLayout("20261124T020000Z")).WriteStatusAsync(new RunStatus
        {
            RunId = "20261124T020000Z", State = RunState.Running, StartedAt = started, UpdatedAt = started.AddMinutes(3), Stage = "compute", Trigger = RunTriggers.Scheduled,
        }, default);
        Directory.CreateDirectory(Path.Combine(output.Path, "runs", "stray", "firm_metrics"));
        File.WriteAllText(Path.Combine(output.Path, "runs", "stray", "firm_metrics", "part-00000.parquet"), "x");

        var runs = await RunHistory.ListAsync(store);
        Assert.Equal(4, runs.Count);

        var running = runs.Single(r => r.RunId == "20261124T020000Z");
        Assert.Equal(("running", "scheduled", started, (DateTimeOffset?)null), (running.State, running.Trigger, running.StartedAt!.Value, running.EndedAt));

        var done = runs.Single(r => r.RunId == finished.RunId);
        Assert.Equal("finished", done.State);
        Assert.Equal("scheduled", done.Trigger);
        Assert.Equal(finished.Manifest.FinishedAt, done.EndedAt);
        Assert.Equal(finished.Quarantine.Tables.Sum(t => t.Read), done.RowsRead);
        Assert.Equal(finished.Quarantine.Tables.Sum(t => t.Quarantined), done.Quarantined);

        var failed = runs.Single(r => r.RunId == "20261123T020000Z");
        Assert.Equal("failed", failed.State);
        Assert.Equal("manual", failed.Trigger);
        Assert.NotNull(failed.EndedAt);
        Assert.False(string.IsNullOrEmpty(failed.Error));

        Assert.Equal("unknown", runs.Single(r => r.RunId == "stray").State);
        Assert.Equal([failed.RunId, done.RunId, running.RunId, "stray"], runs.Select(r => r.RunId)); // newest start first, unknown last

        Assert.Equal(ExitCodes.Ok, await Pipeline.Client.Program.Main(["runs", "--output", output.Path]));
    }
}
