using Pipeline.Storage.Azure;
using Xunit;

namespace Pipeline.Storage.Tests.Azure;

[Collection("Azurite")]
public sealed class AzureBlobAuthTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Account_sas_url_supports_every_operation()
    {
        var container = AzuriteFixture.NewContainerName();
        var sas = AzuriteFixture.AccountSas("rwdlac");
        var store = Assert.IsType<AzureBlobStore>(ObjectStores.Open($"{azurite.Endpoint}/{container}/out?{sas}"));
        Assert.Equal(AzureCredentialKind.Sas, store.Options.Credentials!.Kind);
        Assert.Equal($"{azurite.Endpoint}/{container}/out", store.DisplayUri);

        var data = TestData.Bytes(300_000, 3);
        var blocky = new AzureBlobStore(container, "out", store.Options with { BlockSize = 64 << 10, SingleUploadMaxBytes = 64 << 10 });
        await blocky.WriteAsync("big.bin", new MemoryStream(data));           // creates the container, stages 5 blocks
        Assert.Equal(5, blocky.Statistics.BlocksStaged);
        await store.WriteAsync("small.json", new MemoryStream("[1]"u8.ToArray()));
        Assert.Equal(data, await TestData.ReadAllAsync(store, "big.bin"));
        Assert.Equal(data.AsSpan(70_000, 10).ToArray(), await store.ReadRangeAsync("big.bin", 70_000, 10));
        Assert.Equal(300_000, (await store.GetInfoAsync("big.bin"))!.Size);
        Assert.Equal(["big.bin", "small.json"], (await AzureBlobStoreOperationTests.ListAsync(store, "")).Select(i => i.Name));
        Assert.True(await store.DeleteAsync("small.json"));
        Assert.Null(await store.GetInfoAsync("small.json"));
        Assert.True(await store.DeleteContainerAsync());
    }

    [Fact]
    public async Task Container_sas_grants_only_its_permissions_and_errors_hide_the_signature()
    {
        var owner = azurite.NewStore();
        await owner.WriteAsync("report.parquet", new MemoryStream([7, 7, 7]));
        var readOnly = AzuriteFixture.ContainerSas(owner.Container, "rl");
        var sig = AzuriteFixture.SignatureOf(readOnly);

        var reader = ObjectStores.Open($"{azurite.Endpoint}/{owner.Container}?{readOnly}");
        Assert.Equal([7, 7, 7], await TestData.ReadAllAsync(reader, "report.parquet"));
        Assert.Equal(["report.parquet"], (await AzureBlobStoreOperationTests.ListAsync(reader, "")).Select(i => i.Name));

        var denied = await Assert.ThrowsAsync<AzureBlobRequestException>(() => reader.WriteAsync("x.bin", new MemoryStream([1])));
        Assert.Equal(403, denied.StatusCode);
        var deniedDelete = await Assert.ThrowsAsync<AzureBlobRequestException>(() => reader.DeleteAsync("report.parquet"));
        Assert.Equal(403, deniedDelete.StatusCode);
        foreach (var e in new Exception[] { denied, deniedDelete })
        {
            Assert.DoesNotContain(sig, e.ToString());
            Assert.DoesNotContain(Uri.EscapeDataString(sig), e.ToString());
            Assert.DoesNotContain("sig=", e.ToString());
        }
        Assert.DoesNotContain(sig, reader.DisplayUri);

        // A tampered signature is refused.
        var forged = ObjectStores.Open($"{azurite.Endpoint}/{owner.Container}?{readOnly.Replace("sp=rl", "sp=rwl")}");
        var refused = await Assert.ThrowsAsync<AzureBlobRequestException>(() => forged.GetInfoAsync("report.parquet"));
        Assert.Equal(403, refused.StatusCode);
        await owner.DeleteContainerAsync();
    }

    [Fact]
    public async Task Secrets_never_appear_in_messages_of_failing_operations()
    {
        // A wrong account key: authentication fails (403) on every operation.
        var wrongKey = Convert.ToBase64String(TestData.Bytes(64, 99));
        var badCreds = AzureCredentials.FromSharedKey("devstoreaccount1", wrongKey, new Uri(azurite.Endpoint));
        var bad = new AzureBlobStore(AzuriteFixture.NewContainerName(), "p", azurite.Options() with { Credentials = badCreds });
        var failures = new List<Exception>
        {
            await Assert.ThrowsAsync<AzureBlobRequestException>(() => bad.WriteAsync("a.bin", new MemoryStream([1, 2]))),
            await Assert.ThrowsAsync<AzureBlobRequestException>(() => bad.OpenReadAsync("a.bin")),
            await Assert.ThrowsAsync<AzureBlobRequestException>(() => bad.GetInfoAsync("a.bin")),
            await Assert.ThrowsAsync<AzureBlobRequestException>(() => bad.DeleteAsync("a.bin")),
            await Assert.ThrowsAsync<AzureBlobRequestException>(async () => await AzureBlobStoreOperationTests.ListAsync(bad, "")),
        };
        Assert.All(failures, e => Assert.Equal(403, ((AzureBlobRequestException)e).StatusCode));

        // A SAS URL to a port where nothing listens: connection failures until the retries run out.
        var sas = AzuriteFixture.AccountSas("rwdlac");
        var sig = AzuriteFixture.SignatureOf(sas);
        var closedPort = ObjectStores.Open($"http://127.0.0.1:9/devstoreaccount1/c-closed/p?{sas}",
            new BlobStoreOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) });
        var unreachable = await Assert.ThrowsAsync<AzureBlobRequestException>(() => closedPort.WriteAsync("a.bin", new MemoryStream([1])));
        Assert.Null(unreachable.StatusCode);
        Assert.Contains("gave up after 2 tries", unreachable.Message);
        failures.Add(unreachable);
        failures.Add(await Assert.ThrowsAsync<AzureBlobRequestException>(() => closedPort.ReadRangeAsync("a.bin", 0, 5)));

        foreach (var e in failures)
        {
            var text = e.ToString();
            Assert.DoesNotContain(wrongKey, text);
            Assert.DoesNotContain(AzureCredentials.DevelopmentAccountKey, text);
            Assert.DoesNotContain(sig, text);
            Assert.DoesNotContain(Uri.EscapeDataString(sig), text);
            Assert.DoesNotContain("sig=", text);
        }
        Assert.DoesNotContain(wrongKey, bad.ToString() + bad.Options + badCreds);
        Assert.DoesNotContain(sig, closedPort.DisplayUri + closedPort);
    }
}
