using Pipeline.Storage.Azure;
using Xunit;

namespace Pipeline.Storage.Tests.Azure;

public sealed class AzureCredentialsTests
{
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY3ODkwMTIzNDU2Nzg5MA==";

    [Fact]
    public void DevelopmentStorage_connection_string_targets_azurite_account()
    {
        var c = AzureCredentials.Parse("UseDevelopmentStorage=true");
        Assert.Equal(AzureCredentialKind.SharedKey, c.Kind);
        Assert.Equal("devstoreaccount1", c.AccountName);
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", c.BlobEndpoint.ToString().TrimEnd('/'));
    }

    [Fact]
    public void Account_key_connection_string_builds_endpoint_from_protocol_and_suffix()
    {
        var c = AzureCredentials.Parse($"DefaultEndpointsProtocol=https;AccountName=clusters;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");
        Assert.Equal(AzureCredentialKind.SharedKey, c.Kind);
        Assert.Equal("clusters", c.AccountName);
        Assert.Equal("https://clusters.blob.core.chinacloudapi.cn/", c.BlobEndpoint.ToString());
    }

    [Fact]
    public void Explicit_blob_endpoint_wins_and_keeps_its_path()
    {
        var c = AzureCredentials.Parse($"AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:12345/devstoreaccount1/;");
        Assert.Equal("/devstoreaccount1", c.BlobEndpoint.AbsolutePath);
        Assert.Equal(12345, c.BlobEndpoint.Port);
    }

    [Fact]
    public void Sas_connection_string_yields_sas_credentials_with_account_from_host()
    {
        var c = AzureCredentials.Parse("BlobEndpoint=https://clusters.blob.core.windows.net;SharedAccessSignature=sv=2023-11-03&sp=rl&sig=abc%2Bdef%3D");
        Assert.Equal(AzureCredentialKind.Sas, c.Kind);
        Assert.Equal("clusters", c.AccountName);
        Assert.Equal("AzureCredentials(Sas, account=clusters, endpoint=https://clusters.blob.core.windows.net/)", c.ToString());
    }

    [Fact]
    public void Secrets_are_absent_from_ToString_and_parse_errors()
    {
        var shared = AzureCredentials.Parse($"AccountName=clusters;AccountKey={Key}");
        Assert.DoesNotContain(Key, shared.ToString());
        Assert.DoesNotContain(Key, new BlobStoreOptions { Credentials = shared }.ToString());

        var badKey = "not*base64*secret*value";
        var e = Assert.Throws<ArgumentException>(() => AzureCredentials.Parse($"AccountName=a;AccountKey={badKey}"));
        Assert.DoesNotContain(badKey, e.ToString());
        var missing = Assert.Throws<FormatException>(() => AzureCredentials.Parse($"AccountKey={Key}"));
        Assert.DoesNotContain(Key, missing.ToString());
    }

    [Fact]
    public void Redact_removes_key_sas_and_signature_in_raw_and_escaped_form()
    {
        var shared = AzureCredentials.FromSharedKey("clusters", Key);
        Assert.Equal("key *** and ***", shared.Redact($"key {Key} and {Uri.EscapeDataString(Key)}"));

        var sas = AzureCredentials.FromSas(new Uri("https://clusters.blob.core.windows.net"), "?sv=2023-11-03&sig=ab%2Bcd%2Fef%3D");
        var text = sas.Redact("url ...&sig=ab%2Bcd%2Fef%3D and decoded ab+cd/ef=");
        Assert.DoesNotContain("ab%2Bcd", text);
        Assert.DoesNotContain("ab+cd/ef=", text);
    }

    [Fact]
    public void Options_validation_rejects_out_of_range_settings()
    {
        new BlobStoreOptions().Validate();
        Assert.Throws<ArgumentException>(() => new BlobStoreOptions { BlockSize = 100 }.Validate());
        Assert.Throws<ArgumentException>(() => new BlobStoreOptions { SingleUploadMaxBytes = -1 }.Validate());
        Assert.Throws<ArgumentException>(() => new BlobStoreOptions { MaxParallelBlocks = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new BlobStoreOptions { ListPageSize = 5001 }.Validate());
    }

    [Fact]
    public void Blob_settings_map_onto_the_sdk_options()
    {
        var o = new BlobStoreOptions
        {
            BlockSize = 4 << 20, SingleUploadMaxBytes = 1 << 20, MaxParallelBlocks = 3, MaxRetries = 9,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50), RetryMaxDelay = TimeSpan.FromSeconds(3), RequestTimeout = TimeSpan.FromSeconds(20),
        };
        var client = o.ClientOptions();
        Assert.Equal(global::Azure.Core.RetryMode.Exponential, client.Retry.Mode);
        Assert.Equal(9, client.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(50), client.Retry.Delay);
        Assert.Equal(TimeSpan.FromSeconds(3), client.Retry.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), client.Retry.NetworkTimeout);
        Assert.Equal(global::Azure.Storage.StorageChecksumAlgorithm.MD5, client.TransferValidation.Upload.ChecksumAlgorithm);
        Assert.Equal(global::Azure.Storage.StorageChecksumAlgorithm.None, (o with { ComputeContentMd5 = false }).ClientOptions().TransferValidation.Upload.ChecksumAlgorithm);
        Assert.Equal(4 << 20, o.TransferOptions.MaximumTransferSize);
        Assert.Equal(1 << 20, o.TransferOptions.InitialTransferSize);
        Assert.Equal(3, o.TransferOptions.MaximumConcurrency);
    }
}
