using System.Text;
using Pipeline.Storage.Azure;
using Xunit;

namespace Pipeline.Storage.Tests.Azure;

[Collection("Azurite")]
public sealed class AzureBlobStoreOperationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Write_info_read_range_list_delete_round_trip()
    {
        var store = azurite.NewStore("runs/r1");
        Assert.True(await store.CreateContainerIfNotExistsAsync());
        Assert.False(await store.CreateContainerIfNotExistsAsync());

        var data = TestData.Bytes(100_000, 1);
        var written = await store.WriteAsync("edges/part-0.parquet", new MemoryStream(data));
        Assert.Equal("edges/part-0.parquet", written.Name);
        Assert.Equal(data.Length, written.Size);
        Assert.StartsWith("\"", written.ETag);

        var info = await store.GetInfoAsync("edges/part-0.parquet");
        Assert.NotNull(info);
        Assert.Equal(data.Length, info!.Size);
        Assert.Equal(written.ETag, info.ETag);
        Assert.True(Math.Abs((info.LastModified - DateTimeOffset.UtcNow).TotalMinutes) < 10);

        Assert.Equal(data, await TestData.ReadAllAsync(store, "edges/part-0.parquet"));
        Assert.Equal(data.AsSpan(4_000, 777).ToArray(), await store.ReadRangeAsync("edges/part-0.parquet", 4_000, 777));
        Assert.Equal(data.AsSpan(99_990).ToArray(), await store.ReadRangeAsync("edges/part-0.parquet", 99_990, 1_000)); // runs past the end
        Assert.Empty(await store.ReadRangeAsync("edges/part-0.parquet", 100_000, 10));                                // starts at the end
        Assert.Empty(await store.ReadRangeAsync("edges/part-0.parquet", 5, 0));

        await store.WriteAsync("edges/part-1.parquet", new MemoryStream(Encoding.UTF8.GetBytes("second")));
        await store.WriteAsync("manifest.json", new MemoryStream(Encoding.UTF8.GetBytes("{}")));
        await store.WriteAsync("empty.bin", new MemoryStream());
        // A blob outside the store's prefix must not be listed.
        var sibling = new AzureBlobStore(store.Container, "runs/r10", store.Options);
        await sibling.WriteAsync("edges/x.parquet", new MemoryStream([1, 2, 3]));

        var all = await ListAsync(store, "");
        Assert.Equal(["edges/part-0.parquet", "edges/part-1.parquet", "empty.bin", "manifest.json"], all.Select(i => i.Name));
        Assert.Equal([100_000L, 6, 0, 2], all.Select(i => i.Size));
        Assert.Equal(written.ETag, all[0].ETag);
        Assert.Equal(["edges/part-0.parquet", "edges/part-1.parquet"], (await ListAsync(store, "edges/")).Select(i => i.Name));
        Assert.Empty(await ListAsync(store, "nothing-here/"));
        Assert.Empty(await TestData.ReadAllAsync(store, "empty.bin"));

        Assert.True(await store.DeleteAsync("edges/part-1.parquet"));
        Assert.False(await store.DeleteAsync("edges/part-1.parquet"));
        Assert.Null(await store.GetInfoAsync("edges/part-1.parquet"));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.OpenReadAsync("edges/part-1.parquet"));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.ReadRangeAsync("edges/part-1.parquet", 0, 10));
        Assert.Equal(["edges/part-0.parquet", "empty.bin", "manifest.json"], (await ListAsync(store, "")).Select(i => i.Name));
        Assert.Equal([1, 2, 3], await TestData.ReadAllAsync(sibling, "edges/x.parquet"));
        Assert.True(await store.DeleteContainerAsync());
    }

    [Fact]
    public async Task Write_creates_a_missing_container_and_overwrites_unconditionally()
    {
        var store = azurite.NewStore();
        var first = await store.WriteAsync("a.txt", new MemoryStream("one"u8.ToArray()));
        Assert.Equal(1, store.Statistics.ContainersCreated);
        var second = await store.WriteAsync("a.txt", new MemoryStream("two!"u8.ToArray()));
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("two!"u8.ToArray(), await TestData.ReadAllAsync(store, "a.txt"));
        await store.DeleteContainerAsync();
        Assert.Empty(await ListAsync(store, ""));  // a missing container lists nothing
    }

    [Theory]
    [InlineData(65_535, 65_536, true, 0)]        // a seekable stream below the single-upload limit: one Put Blob
    [InlineData(65_536, 65_536, true, 1)]        // at the limit: staged, one block
    [InlineData(65_537, 65_536, true, 2)]        // one byte more than a block: two blocks
    [InlineData(196_608, 65_536, false, 3)]      // three full blocks from a forward-only stream
    [InlineData(50_000, 16_384, true, 1)]        // above the single-upload limit but below one block: one block
    [InlineData(10_000, 65_536, false, 1)]       // a forward-only stream's length is unknown to the SDK: always staged
    public async Task Upload_chooses_single_put_or_blocks_at_the_thresholds(int size, int singleMax, bool seekable, int expectedBlocks)
    {
        var store = azurite.NewStore("sizes", azurite.Options(blockSize: 64 << 10, singleMax: singleMax));
        var data = TestData.Bytes(size, size);
        var info = await store.WriteAsync("x.bin", seekable ? new MemoryStream(data) : new ForwardOnlyStream(new MemoryStream(data)));
        Assert.Equal(size, info.Size);
        Assert.Equal(expectedBlocks, store.Statistics.BlocksStaged);
        Assert.Equal(data, await TestData.ReadAllAsync(store, "x.bin"));
        await store.DeleteContainerAsync();
    }

    [Fact]
    public async Task Names_with_spaces_unicode_and_reserved_characters_round_trip()
    {
        var store = azurite.NewStore("p");
        string[] names = ["a b/c+d=e&f.parquet", "省份/江苏/集群.json", "x%20y/#hash?.bin", "z'(q)!*~.txt"];
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
            await store.WriteAsync(name, new MemoryStream([(byte)i, 42]));
        var listed = (await ListAsync(store, "")).Select(i => i.Name).ToList();
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), listed);
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
            Assert.Equal([(byte)i, 42], await TestData.ReadAllAsync(store, name));
        await store.DeleteContainerAsync();
    }

    [Fact]
    public async Task Traversal_names_are_rejected_before_any_request()
    {
        var store = azurite.NewStore("safe");
        long before = store.Statistics.Requests;
        foreach (var bad in new[] { "../escape.bin", "a/../../b", "./x", "a/./b", "/abs", "a\\b", "" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(bad, new MemoryStream([1])));
            await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(bad));
            await Assert.ThrowsAsync<ArgumentException>(() => store.GetInfoAsync(bad));
            await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(bad));
        }
        await Assert.ThrowsAsync<ArgumentException>(async () => await ListAsync(store, "../"));
        Assert.Throws<ArgumentException>(() => new AzureBlobStore("container", "a/../b", azurite.Options()));
        Assert.Equal(before, store.Statistics.Requests);
    }

    [Fact]
    public async Task Open_resolves_az_locations_from_the_environment_and_path_style_urls_from_options()
    {
        var container = AzuriteFixture.NewContainerName();
        var previous = Environment.GetEnvironmentVariable(AzureCredentials.ConnectionStringVariable);
        try
        {
            Environment.SetEnvironmentVariable(AzureCredentials.ConnectionStringVariable, null);
            Assert.Throws<InvalidOperationException>(() => ObjectStores.Open($"az://{container}/x"));

            Environment.SetEnvironmentVariable(AzureCredentials.ConnectionStringVariable, azurite.ConnectionString);
            var viaEnv = ObjectStores.Open($"az://{container}/runs");
            Assert.Equal($"az://{container}/runs", viaEnv.DisplayUri);
            await viaEnv.WriteAsync("m.json", new MemoryStream("{\"ok\":1}"u8.ToArray()));
        }
        finally
        {
            Environment.SetEnvironmentVariable(AzureCredentials.ConnectionStringVariable, previous);
        }

        var viaUrl = ObjectStores.Open($"{azurite.Endpoint}/{container}", BlobStoreOptions.FromConnectionString(azurite.ConnectionString));
        Assert.Equal($"{azurite.Endpoint}/{container}", viaUrl.DisplayUri);
        Assert.Equal("{\"ok\":1}"u8.ToArray(), await TestData.ReadAllAsync(viaUrl, "runs/m.json"));
        Assert.Equal(["runs/m.json"], (await ListAsync(viaUrl, "")).Select(i => i.Name));

        var fromCs = AzureBlobStore.FromConnectionString(azurite.ConnectionString, container, "runs");
        Assert.Equal(8, (await fromCs.GetInfoAsync("m.json"))!.Size);
        await fromCs.DeleteContainerAsync();
    }

    internal static async Task<List<ObjectInfo>> ListAsync(IObjectStore store, string prefix)
    {
        var result = new List<ObjectInfo>();
        await foreach (var item in store.ListAsync(prefix)) result.Add(item);
        return result;
    }
}
