using Pipeline.Storage.Azure;
using Xunit;

namespace Pipeline.Storage.Tests.Azure;

/// <summary>Transient faults injected between the store and a real Azurite by <see cref="FaultyProxy"/>.</summary>
[Collection("Azurite")]
public sealed class AzureBlobResilienceTests(AzuriteFixture azurite)
{
    private (AzureBlobStore Store, AzureBlobStore Direct) Stores(FaultyProxy proxy, int blockSize = 64 << 10, TimeSpan? timeout = null)
    {
        var container = AzuriteFixture.NewContainerName();
        var direct = new AzureBlobStore(container, "r", azurite.Options(blockSize, blockSize));
        var viaProxy = azurite.Options(blockSize, blockSize) with
        {
            Credentials = azurite.Credentials.WithEndpoint(new Uri($"http://127.0.0.1:{proxy.Port}/devstoreaccount1")),
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(60),
        };
        return (new AzureBlobStore(container, "r", viaProxy), direct);
    }

    [Theory]
    [InlineData(10_000, "PUT /devstoreaccount1/")]                 // single Put Blob
    [InlineData(200_000, "comp=blocklist")]                        // Put Block List
    public async Task If_not_exists_commit_applied_before_its_response_was_lost_counts_as_success(int size, string commit)
    {
        await using var proxy = new FaultyProxy(azurite.Port, FaultyProxy.FirstMatching(
            line => line.StartsWith("PUT ", StringComparison.Ordinal) && line.Contains(commit) && !line.Contains("comp=block&") && !line.Contains("restype=container"),
            Fault.DropResponse));
        var (store, direct) = Stores(proxy);
        await direct.CreateContainerIfNotExistsAsync();
        var data = TestData.Bytes(size, 11);

        var info = await store.WriteAsync("_SUCCESS.json", new MemoryStream(data), WriteCondition.IfNotExists);

        Assert.Equal(1, proxy.Faults);
        Assert.True(store.Statistics.Retries >= 1);
        Assert.Equal(data, await TestData.ReadAllAsync(direct, "_SUCCESS.json"));
        Assert.Equal((await direct.GetInfoAsync("_SUCCESS.json"))!.ETag, info.ETag);
        // Someone else's object is still a conflict, with or without lost responses.
        await Assert.ThrowsAsync<ObjectConflictException>(() => store.WriteAsync("_SUCCESS.json", new MemoryStream(data), WriteCondition.IfNotExists));
        await direct.DeleteContainerAsync();
    }

    [Fact]
    public async Task If_match_commit_applied_before_its_response_was_lost_counts_as_success()
    {
        Func<string, Fault>? rule = null;
        await using var proxy = new FaultyProxy(azurite.Port, line => rule?.Invoke(line) ?? Fault.None);
        var (store, direct) = Stores(proxy);
        var v1 = await direct.WriteAsync("manifest.json", new MemoryStream([1, 2, 3]));
        rule = FaultyProxy.FirstMatching(line => line.StartsWith("PUT /devstoreaccount1/", StringComparison.Ordinal), Fault.DropResponse);

        var v2 = await store.WriteAsync("manifest.json", new MemoryStream([4, 5, 6, 7]), WriteCondition.IfMatch(v1.ETag));

        Assert.Equal(1, proxy.Faults);
        Assert.Equal([4, 5, 6, 7], await TestData.ReadAllAsync(direct, "manifest.json"));
        Assert.Equal((await direct.GetInfoAsync("manifest.json"))!.ETag, v2.ETag);
        await direct.DeleteContainerAsync();
    }

    [Fact]
    public async Task Lost_block_responses_throttling_and_stalls_are_retried()
    {
        int n = 0;
        // Drop the 2nd Put Block's response, answer 503 to the 4th, stall the 6th (1 s request timeout).
        await using var proxy = new FaultyProxy(azurite.Port, line =>
        {
            if (!line.Contains("comp=block&", StringComparison.Ordinal)) return Fault.None;
            return Interlocked.Increment(ref n) switch { 2 => Fault.DropResponse, 4 => Fault.ServerBusy, 6 => Fault.Stall, _ => Fault.None };
        });
        var (store, direct) = Stores(proxy, timeout: TimeSpan.FromSeconds(1));
        var data = TestData.Bytes(600_000, 12); // 10 blocks of 64 KiB

        var info = await store.WriteAsync("nodes.parquet", new MemoryStream(data));

        Assert.Equal(3, proxy.Faults);
        Assert.True(store.Statistics.Retries >= 3, store.Statistics.ToString());
        Assert.Equal(data.Length, info.Size);
        Assert.Equal(data, await TestData.ReadAllAsync(direct, "nodes.parquet"));
        await direct.DeleteContainerAsync();
    }

    [Fact]
    public async Task Download_resumes_after_the_connection_breaks_mid_body()
    {
        await using var proxy = new FaultyProxy(azurite.Port, FaultyProxy.FirstMatching(
            line => line.StartsWith("GET /devstoreaccount1/", StringComparison.Ordinal) && !line.Contains("comp=", StringComparison.Ordinal), Fault.CutBody, times: 2));
        var (store, direct) = Stores(proxy);
        var data = TestData.Bytes(5_000_000, 13);
        await direct.WriteAsync("edges.parquet", new MemoryStream(data));

        Assert.Equal(TestData.Sha256(data), await TestData.Sha256Async(store, "edges.parquet"));
        Assert.Equal(2, proxy.Faults);
        Assert.True(store.Statistics.Requests >= 3, store.Statistics.ToString()); // the SDK resumed the body twice
        await direct.DeleteContainerAsync();
    }
}
