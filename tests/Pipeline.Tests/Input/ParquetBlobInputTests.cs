using Pipeline.Grains.Input;
using Pipeline.Storage;
using Pipeline.Storage.Tests.Azure;
using Xunit;

namespace Pipeline.Tests.Input;

/// <summary>
/// Parquet inputs in Azure Blob storage (a real Azurite): read through ranged reads of the blobs, with the same
/// rows, quarantine and fingerprint as from a local folder; a corrupt blob is one error naming its az:// path.
/// </summary>
[Collection("Azurite")]
public class ParquetBlobInputTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Parquet_inputs_in_blob_storage_read_like_local_ones()
    {
        using var local = ParquetInputTests.SmallInput();
        var store = azurite.NewStore("national");
        foreach (var file in Directory.GetFiles(local.Path, "*", SearchOption.AllDirectories))
        {
            await using var content = File.OpenRead(file);
            await store.WriteAsync(Path.GetRelativePath(local.Path, file).Replace('\\', '/'), content);
        }

        var fromDisk = await DatasetReader.ReadAsync(new LocalFolderStore(local.Path));
        var fromBlob = await DatasetReader.ReadAsync(store);
        Assert.Equal(fromDisk.Quarantine.Rows.Select(r => (r.SourceTable, r.RowNumber, r.Raw, r.ReasonCode)),
            fromBlob.Quarantine.Rows.Select(r => (r.SourceTable, r.RowNumber, r.Raw, r.ReasonCode)));
        Assert.Equal(fromDisk.Dataset.Firms.Select(f => f.FirmId), fromBlob.Dataset.Firms.Select(f => f.FirmId));
        Assert.Equal(fromDisk.Dataset.Links.Select(l => l.Weight), fromBlob.Dataset.Links.Select(l => l.Weight));
        Assert.Equal(fromDisk.Fingerprint.Sha256, fromBlob.Fingerprint.Sha256);

        var bytes = File.ReadAllBytes(local.File("links.parquet"));
        await store.WriteAsync("links.parquet", new MemoryStream(bytes[..(bytes.Length - 3)]));
        var e = await Assert.ThrowsAsync<InputUnreadableException>(() => DatasetReader.ReadAsync(store));
        Assert.Contains($"{store.DisplayUri}/links.parquet", e.Message);
    }
}
