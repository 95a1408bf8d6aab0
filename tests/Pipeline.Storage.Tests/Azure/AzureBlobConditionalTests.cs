using Pipeline.Storage.Azure;
using Xunit;

namespace Pipeline.Storage.Tests.Azure;

[Collection("Azurite")]
public sealed class AzureBlobConditionalTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(10_000)]     // one Put Blob each
    [InlineData(300_000)]    // five staged blocks each, then Put Block List
    public async Task Racing_if_not_exists_writes_have_exactly_one_winner(int size)
    {
        var store = azurite.NewStore("race", azurite.Options(blockSize: 64 << 10, singleMax: 64 << 10));
        await store.CreateContainerIfNotExistsAsync();
        var contents = Enumerable.Range(0, 8).Select(i => TestData.Bytes(size, 100 + i)).ToArray();
        using var start = new ManualResetEventSlim();
        var racers = contents.Select((c, i) => Task.Run(async () =>
        {
            start.Wait();
            try { return (Index: i, Info: (ObjectInfo?)await store.WriteAsync("_SUCCESS.json", new MemoryStream(c), WriteCondition.IfNotExists), Error: (Exception?)null); }
            catch (Exception e) { return (Index: i, Info: (ObjectInfo?)null, Error: e); }
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(racers);

        var winners = results.Where(r => r.Info is not null).ToList();
        Assert.Single(winners);
        Assert.All(results.Where(r => r.Info is null), r => Assert.IsType<ObjectConflictException>(r.Error));
        var winner = winners[0];
        Assert.Equal(contents[winner.Index], await TestData.ReadAllAsync(store, "_SUCCESS.json"));
        Assert.Equal(winner.Info!.ETag, (await store.GetInfoAsync("_SUCCESS.json"))!.ETag);
        await store.DeleteContainerAsync();
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(200_000)]
    public async Task If_match_succeeds_with_the_current_etag_and_fails_with_a_stale_one(int size)
    {
        var store = azurite.NewStore("cas", azurite.Options(blockSize: 64 << 10, singleMax: 64 << 10));
        var v1 = await store.WriteAsync("manifest.json", new MemoryStream(TestData.Bytes(size, 1)));
        var v2 = await store.WriteAsync("manifest.json", new MemoryStream(TestData.Bytes(size, 2)), WriteCondition.IfMatch(v1.ETag));
        Assert.NotEqual(v1.ETag, v2.ETag);

        var stale = await Assert.ThrowsAsync<ObjectConflictException>(() =>
            store.WriteAsync("manifest.json", new MemoryStream(TestData.Bytes(size, 3)), WriteCondition.IfMatch(v1.ETag)));
        Assert.Equal("manifest.json", stale.ObjectName);
        Assert.Equal(TestData.Bytes(size, 2), await TestData.ReadAllAsync(store, "manifest.json"));
        Assert.Equal(v2.ETag, (await store.GetInfoAsync("manifest.json"))!.ETag);

        await Assert.ThrowsAsync<ObjectConflictException>(() =>
            store.WriteAsync("absent.json", new MemoryStream([1]), WriteCondition.IfMatch(v2.ETag)));
        Assert.Null(await store.GetInfoAsync("absent.json"));
        await Assert.ThrowsAsync<ObjectConflictException>(() =>
            store.WriteAsync("manifest.json", new MemoryStream([1]), WriteCondition.IfNotExists));
        var v3 = await store.WriteAsync("fresh.json", new MemoryStream(TestData.Bytes(size, 5)), WriteCondition.IfNotExists);
        Assert.Equal(size, v3.Size);
        await store.DeleteContainerAsync();
    }
}
