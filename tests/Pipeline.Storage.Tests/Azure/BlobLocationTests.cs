using Pipeline.Storage.Azure;
using Xunit;

namespace Pipeline.Storage.Tests.Azure;

public sealed class BlobLocationTests
{
    [Fact]
    public void Az_location_has_container_and_prefix_and_no_endpoint()
    {
        var l = BlobLocation.Parse("az://run-outputs/2024/run-7/");
        Assert.Null(l.Endpoint);
        Assert.Equal("run-outputs", l.Container);
        Assert.Equal("2024/run-7", l.Prefix);
        Assert.Equal("az://run-outputs/2024/run-7", l.DisplayUri);
        Assert.Equal("", BlobLocation.Parse("az://run-outputs").Prefix);
    }

    [Fact]
    public void Https_location_is_virtual_host_style_and_display_drops_the_sas()
    {
        var l = BlobLocation.Parse("https://clusters.blob.core.windows.net/outputs/runs/a%20b?sv=2023-11-03&sig=SECRETSIG%3D");
        Assert.Equal("https://clusters.blob.core.windows.net/", l.Endpoint!.ToString());
        Assert.Equal("outputs", l.Container);
        Assert.Equal("runs/a b", l.Prefix);
        Assert.Equal("sv=2023-11-03&sig=SECRETSIG%3D", l.SasToken);
        Assert.Equal("https://clusters.blob.core.windows.net/outputs/runs/a%20b", l.DisplayUri);
        Assert.DoesNotContain("SECRETSIG", l.ToString());
        Assert.Equal("clusters", AzureCredentials.AccountNameOf(l.Endpoint));
    }

    [Fact]
    public void Loopback_location_is_path_style_with_account_segment()
    {
        var l = BlobLocation.Parse("http://127.0.0.1:10000/devstoreaccount1/outputs/p/q");
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", l.Endpoint!.ToString());
        Assert.Equal("outputs", l.Container);
        Assert.Equal("p/q", l.Prefix);
        Assert.Equal("devstoreaccount1", AzureCredentials.AccountNameOf(l.Endpoint));
        Assert.Equal("outputs", BlobLocation.Parse("http://localhost:10000/devstoreaccount1/outputs").Container);
    }

    [Theory]
    [InlineData("az://outputs/a/../b")]
    [InlineData("az://outputs/..")]
    [InlineData("az://outputs/./x")]
    [InlineData("https://clusters.blob.core.windows.net/outputs/%2e%2e/x")]
    [InlineData("https://clusters.blob.core.windows.net/outputs/a/%2E%2E?sig=x")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/outputs/a%2F..%2Fb")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/../outputs")]
    [InlineData("az://outputs/a//b")]
    [InlineData("az://outputs/a%5C..")]
    public void Traversal_is_rejected(string location)
    {
        Assert.Throws<ArgumentException>(() => BlobLocation.Parse(location));
        Assert.Throws<ArgumentException>(() => ObjectStores.Open(location, new BlobStoreOptions { Credentials = AzureCredentials.DevelopmentStorage() }));
    }

    [Theory]
    [InlineData("az://UPPER/x")]
    [InlineData("az://ab/x")]
    [InlineData("az://a--b/x")]
    [InlineData("az://")]
    [InlineData("https://clusters.blob.core.windows.net")]
    [InlineData("ftp://host/c")]
    public void Malformed_locations_are_rejected(string location) =>
        Assert.Throws<ArgumentException>(() => BlobLocation.Parse(location));

    [Fact]
    public void Rejection_messages_never_contain_the_query_string()
    {
        var e = Assert.Throws<ArgumentException>(() => BlobLocation.Parse("https://clusters.blob.core.windows.net/outputs/%2e%2e?sv=1&sig=TOPSECRETSIG"));
        Assert.DoesNotContain("TOPSECRETSIG", e.ToString());
        var e2 = Assert.Throws<ArgumentException>(() => BlobLocation.Parse("https://clusters.blob.core.windows.net/BAD?sig=TOPSECRETSIG"));
        Assert.DoesNotContain("TOPSECRETSIG", e2.ToString());
    }

    [Fact]
    public void Open_keeps_local_folders_and_builds_blob_stores_with_safe_display_uris()
    {
        var folder = Path.Combine(Path.GetTempPath(), "blob-open-" + Guid.NewGuid().ToString("N"));
        Assert.IsType<LocalFolderStore>(ObjectStores.Open(folder));

        var store = Assert.IsType<AzureBlobStore>(ObjectStores.Open("https://clusters.blob.core.windows.net/outputs/runs?sv=2023-11-03&sp=rl&sig=SIGVALUE%3D"));
        Assert.Equal("https://clusters.blob.core.windows.net/outputs/runs", store.DisplayUri);
        Assert.Equal("outputs", store.Container);
        Assert.Equal("runs", store.Prefix);
        Assert.Equal(AzureCredentialKind.Sas, store.Options.Credentials!.Kind);
        Assert.DoesNotContain("SIGVALUE", store.ToString());
        Assert.DoesNotContain("SIGVALUE", store.Options.ToString());

        var dev = new BlobStoreOptions { Credentials = AzureCredentials.DevelopmentStorage() };
        var az = Assert.IsType<AzureBlobStore>(ObjectStores.Open("az://outputs/runs/r1", dev));
        Assert.Equal("az://outputs/runs/r1", az.DisplayUri);
        Assert.Equal("runs/r1", az.Prefix);
    }

    [Fact]
    public void Url_for_another_account_than_the_configured_credentials_is_refused()
    {
        var dev = new BlobStoreOptions { Credentials = AzureCredentials.DevelopmentStorage() };
        var e = Assert.Throws<InvalidOperationException>(() => ObjectStores.Open("https://otheraccount.blob.core.windows.net/outputs", dev));
        Assert.Contains("otheraccount", e.Message);
        Assert.DoesNotContain(AzureCredentials.DevelopmentAccountKey, e.ToString());
    }
}
