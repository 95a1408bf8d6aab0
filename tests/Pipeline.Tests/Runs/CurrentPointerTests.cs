using Pipeline.Grains.Runs;
using Pipeline.Storage;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Runs;

/// <summary>OUTPUT/current.json: follows latest, lists the run's parts, and its globs read with DuckDB (the docs/bi.md recipe) give the manifest's row counts.</summary>
public class CurrentPointerTests
{
    [Fact]
    public async Task Current_json_follows_latest_and_its_globs_read_every_row()
    {
        using var output = new TempFolder();
        var store = new LocalFolderStore(output.Path);
        var coordinator = new RunCoordinator(new UnitByUnitEngine(2), NullRunObserver.Instance);
        var input = new LocalFolderStore(FixtureRun.InputFolder);
        await coordinator.RunAsync(new RunRequest(input, store) { RunId = "bi-1" });
        var second = await coordinator.RunAsync(new RunRequest(input, store) { RunId = "bi-2" });

        var current = await CurrentPointer.ReadAsync(store);
        Assert.NotNull(current);
        Assert.Equal("bi-2", current.RunId);
        Assert.Equal(await RunPublisher.ReadLatestAsync(store), current.RunId);
        Assert.Equal(second.Manifest.SchemaVersion, current.SchemaVersion);
        Assert.Equal(second.Manifest.Tables.Keys, current.Tables.Keys);
        foreach (var (name, table) in current.Tables)
        {
            Assert.Equal(second.Manifest.Tables[name].Rows, table.Rows);
            Assert.All(table.Files, f => Assert.True(File.Exists(Path.Combine(output.Path, f)), f));
            var glob = Path.Combine(output.Path, table.Glob);
            var rows = DuckDb.Query($"SELECT count(*) AS n FROM read_parquet({DuckDb.Literal(glob)}, hive_partitioning = true)")[0];
            Assert.Equal(table.Rows, long.Parse(rows.GetProperty("n").ToString()));
        }

        // A run that is no longer in latest never takes the pointer back.
        Assert.False(await CurrentPointer.UpdateAsync(store, (await RunHistoryManifest(store, "bi-1"))!, default));
        Assert.Equal("bi-2", (await CurrentPointer.ReadAsync(store))!.RunId);
    }

    private static async Task<RunManifest?> RunHistoryManifest(IObjectStore store, string runId)
    {
        await using var s = await store.OpenReadAsync(new RunLayout(runId).Manifest);
        using var m = new MemoryStream();
        await s.CopyToAsync(m);
        return RunJson.Deserialize<RunManifest>(m.ToArray());
    }
}
