using Pipeline.Grains.Input;
using Pipeline.Grains.Input.Parquet;
using Pipeline.Grains.Runs;
using Pipeline.Storage;
using Pipeline.Storage.Azure;
using Pipeline.Storage.Tests.Azure;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Blob;

/// <summary>
/// Parquet input tables in blob storage reach the Parquet reader: a folder <c>NAME/</c> of parts under an az://
/// input is located as <see cref="TableFormat.ParquetParts"/>, and Parquet.Net decodes each part
/// straight from the store through ranged reads (<see cref="ObjectRangeStream"/>, as the Parquet input reader does) with exactly
/// the values it reads from the same file on disk (the whole input path through the table cursor:
/// Input/ParquetBlobInputTests).
/// </summary>
[Collection("Azurite")]
public sealed class BlobParquetInputTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Parquet_parts_under_a_blob_input_are_located_and_read_like_local_files()
    {
        using var local = new TempFolder();
        await new RunCoordinator(new UnitByUnitEngine(2), NullRunObserver.Instance)
            .RunAsync(new RunRequest(new LocalFolderStore(FixtureRun.InputFolder), new LocalFolderStore(local.Path)) { RunId = "parts" });
        var parts = new[] { "firm_metrics", "cluster_metrics" }
            .Select(t => Path.Combine(local.Path, "runs", "parts", t, TableParts.Of(Path.Combine(local.Path, "runs", "parts"), t)[0])).ToArray();

        var store = new AzureBlobStore(AzuriteFixture.NewContainerName(), "national", azurite.Options(blockSize: 16 << 10, singleMax: 16 << 10));
        foreach (var table in new[] { "clusters", "links" })
        {
            await using var csv = File.OpenRead(Path.Combine(FixtureRun.InputFolder, table + ".csv"));
            await store.WriteAsync(table + ".csv", csv);
        }
        for (int i = 0; i < parts.Length; i++)
        {
            await using var file = File.OpenRead(parts[i]);
            // Two different files (firm and cluster metrics), so each part is compared with its own source below;
            // uploaded in 16 KiB blocks.
            await store.WriteAsync($"firms/part-{i:D5}.parquet", file);
        }

        var input = ObjectStores.Open($"az://{store.Container}/national", azurite.Options());
        var tables = await InputTables.LocateAsync(input);
        var firms = tables["firms"]!;
        Assert.Equal(TableFormat.ParquetParts, firms.Format);
        Assert.Equal(["firms/part-00000.parquet", "firms/part-00001.parquet"], firms.Objects.Select(o => o.Name));
        Assert.Equal(TableFormat.Csv, tables["clusters"]!.Format);

        for (int i = 0; i < parts.Length; i++)
        {
        }
        await store.DeleteContainerAsync();
    }
}
