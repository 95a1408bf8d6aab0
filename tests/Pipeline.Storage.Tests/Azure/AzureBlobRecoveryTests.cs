using Pipeline.Storage.Azure;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Storage.Tests.Azure;

[Collection("Azurite")]
public sealed class AzureBlobRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Upload_survives_azurite_killed_and_restarted_mid_upload()
    {
        const int size = 48 << 20; // 12 blocks of 4 MiB
        var data = TestData.Bytes(size, 6);
        var store = azurite.NewStore("crash", azurite.Options(blockSize: 4 << 20, singleMax: 4 << 20) with
        {
            // A patient budget (~75 s): restarting Azurite (a node process) took over 15 s on a busy machine.
            MaxRetries = 40, RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(2),
        });
        await store.CreateContainerIfNotExistsAsync();
        int pidBefore = azurite.Pid;
        Task? restart = null;
        // After 5 blocks have been read, kill -9 Azurite; restart it on the same data folder in the background
        // while the upload keeps going (its requests fail until Azurite is back, then are retried).
        var source = new TriggerStream(data, 5L * (4 << 20), () =>
        {
            azurite.Kill();
            restart = Task.Run(azurite.RestartAsync);
        });

        var info = await store.WriteAsync("graph/nodes.parquet", source);
        await restart!;
        Assert.NotEqual(pidBefore, azurite.Pid);
        Assert.Equal(size, info.Size);
        output.WriteLine(store.Statistics.ToString());
        Assert.True(store.Statistics.Retries > 0, store.Statistics.ToString());

        var reader = new AzureBlobStore(store.Container, "crash", azurite.Options());
        Assert.Equal(TestData.Sha256(data), await TestData.Sha256Async(reader, "graph/nodes.parquet"));
        Assert.Equal(info.ETag, (await reader.GetInfoAsync("graph/nodes.parquet"))!.ETag);
        await reader.DeleteContainerAsync();
    }
}
