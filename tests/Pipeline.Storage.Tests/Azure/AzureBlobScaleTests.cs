using Pipeline.Storage.Azure;
using Xunit;

namespace Pipeline.Storage.Tests.Azure;

[Collection("Azurite")]
public sealed class AzureBlobScaleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Hundred_megabyte_upload_is_staged_in_blocks_and_reads_back_byte_equal()
    {
        const int size = 100 << 20; // 100 MiB = 12.5 blocks of 8 MiB
        var data = TestData.Bytes(size, 4);
        var store = azurite.NewStore("big");
        var info = await store.WriteAsync("graph/edges.parquet", new ForwardOnlyStream(new MemoryStream(data)));
        Assert.Equal(size, info.Size);
        Assert.Equal(13, store.Statistics.BlocksStaged);
        Assert.Equal(info.ETag, (await store.GetInfoAsync("graph/edges.parquet"))!.ETag);

        Assert.Equal(TestData.Sha256(data), await TestData.Sha256Async(store, "graph/edges.parquet"));
        // A range spanning the boundary of blocks 3 and 4 (at 32 MiB).
        Assert.Equal(data.AsSpan((32 << 20) - 100, 200).ToArray(), await store.ReadRangeAsync("graph/edges.parquet", (32 << 20) - 100, 200));
        Assert.Equal(data.AsSpan(size - 10).ToArray(), await store.ReadRangeAsync("graph/edges.parquet", size - 10, 4096));
        await store.DeleteContainerAsync();
    }

    [Fact]
    public async Task Listing_pages_through_more_than_five_thousand_blobs_in_ordinal_order()
    {
        const int count = 5_200;
        var store = new AzureBlobStore(AzuriteFixture.NewContainerName(), "many", azurite.Options() with { ListPageSize = 1000 });
        await store.CreateContainerIfNotExistsAsync();
        // Names whose ordinal order differs from numeric order (no zero padding) and from case-insensitive order.
        var names = Enumerable.Range(0, count).Select(i => $"{(i % 2 == 0 ? "P" : "p")}/{i}.bin").ToArray();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (name, ct) =>
            await store.WriteAsync(name, new MemoryStream(BitConverter.GetBytes(name.GetHashCode())), null, ct));

        long before = store.Statistics.Requests;
        var listed = await AzureBlobStoreOperationTests.ListAsync(store, "");
        Assert.Equal(6, store.Statistics.Requests - before); // 5,200 blobs in pages of 1,000
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), listed.Select(i => i.Name));
        Assert.All(listed, i => Assert.Equal(4, i.Size));

        var lower = await AzureBlobStoreOperationTests.ListAsync(store, "p/");
        Assert.Equal(count / 2, lower.Count);
        Assert.All(lower, i => Assert.StartsWith("p/", i.Name));
        Assert.Equal(["p/1.bin", "p/1001.bin", "p/1003.bin"], lower.Take(3).Select(i => i.Name));
        Assert.Equal(["P/5198.bin"], (await AzureBlobStoreOperationTests.ListAsync(store, "P/5198")).Select(i => i.Name));
        await store.DeleteContainerAsync();
    }
}
