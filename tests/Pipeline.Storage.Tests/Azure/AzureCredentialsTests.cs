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
        Assert.Equal(Convert.FromBase64String(AzureCredentials.DevelopmentAccountKey), c.Key);
    }

    [Fact]
    public void Account_key_connection_string_builds_endpoint_from_protocol_and_suffix()
    {
        var c = AzureCredentials.Parse($"DefaultEndpointsProtocol=https;AccountName=clusters;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");
        Assert.Equal(AzureCredentialKind.SharedKey, c.Kind);
        Assert.Equal("clusters", c.AccountName);
        Assert.Equal("https://clusters.blob.core.chinacloudapi.cn/", c.BlobEndpoint.ToString());
        Assert.Equal(Convert.FromBase64String(Key), c.Key);
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
        Assert.Equal("sv=2023-11-03&sp=rl&sig=abc%2Bdef%3D", c.SasToken);
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
    public void Shared_key_string_to_sign_follows_the_blob_service_layout()
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("x-ms-version", "2023-11-03"), new("x-ms-blob-type", "BlockBlob"),
            new("x-ms-date", "Mon, 02 Jan 2023 03:04:05 GMT"), new("X-MS-META-A", " b "),
        };
        var query = new List<KeyValuePair<string, string>> { new("comp", "block"), new("blockid", "QUJD+/==") };
        var s = SharedKeySigner.StringToSign("PUT", 11, null, null, null, "*", headers, "devstoreaccount1", "/devstoreaccount1/cont/a%20b/c.parquet", query);
        Assert.Equal(
            "PUT\n\n\n11\n\n\n\n\n\n*\n\n\n" +
            "x-ms-blob-type:BlockBlob\nx-ms-date:Mon, 02 Jan 2023 03:04:05 GMT\nx-ms-meta-a:b\nx-ms-version:2023-11-03\n" +
            "/devstoreaccount1/devstoreaccount1/cont/a%20b/c.parquet\nblockid:QUJD+/==\ncomp:block", s);
        // HMAC-SHA256 with Azurite's public key, computed independently (Python hmac).
        Assert.Equal("fra9swyTlDmjzfJaJnPpYP6N64ShuIyw1+XYgZO1E8U=", SharedKeySigner.Sign(s, Convert.FromBase64String(AzureCredentials.DevelopmentAccountKey)));

        var empty = SharedKeySigner.StringToSign("GET", 0, null, null, null, null, [], "acct", "/c", []);
        Assert.Equal("GET\n\n\n\n\n\n\n\n\n\n\n\n/acct/c", empty);
    }

    [Fact]
    public void Block_ids_have_one_length_are_distinct_and_encode_write_id_and_index()
    {
        var write = Guid.Parse("0123456789abcdef0123456789abcdef");
        var ids = Enumerable.Range(0, 2000).Select(i => BlockIds.For(write, i * 25)).ToList();
        Assert.All(ids, id => Assert.Equal(52, id.Length));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal("0123456789abcdef0123456789abcdef0000125", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(BlockIds.For(write, 125))));
        Assert.NotEqual(BlockIds.For(write, 3), BlockIds.For(Guid.NewGuid(), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockIds.For(write, BlockIds.MaxBlocks));
    }

    [Fact]
    public void Options_validation_rejects_out_of_range_settings()
    {
        new BlobStoreOptions().Validate();
        Assert.Throws<ArgumentException>(() => new BlobStoreOptions { BlockSize = 100 }.Validate());
        Assert.Throws<ArgumentException>(() => new BlobStoreOptions { BlockSize = 1 << 20, SingleUploadMaxBytes = 2 << 20 }.Validate());
        Assert.Throws<ArgumentException>(() => new BlobStoreOptions { MaxParallelBlocks = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new BlobStoreOptions { ListPageSize = 5001 }.Validate());
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_respects_the_cap()
    {
        var o = new BlobStoreOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(1) };
        for (int i = 0; i < 200; i++)
        {
            var d0 = RetryPolicy.Backoff(0, o, null).TotalMilliseconds;
            var d2 = RetryPolicy.Backoff(2, o, null).TotalMilliseconds;
            var d9 = RetryPolicy.Backoff(9, o, null).TotalMilliseconds;
            Assert.InRange(d0, 50, 100);
            Assert.InRange(d2, 200, 400);
            Assert.InRange(d9, 500, 1000);
            Assert.Equal(1000, RetryPolicy.Backoff(0, o, TimeSpan.FromMinutes(5)).TotalMilliseconds);
        }
        Assert.True(RetryPolicy.IsTransient(new HttpRequestException("refused"), CancellationToken.None));
        Assert.True(RetryPolicy.IsTransient(new TaskCanceledException(), CancellationToken.None));
        Assert.False(RetryPolicy.IsTransient(new TaskCanceledException(), new CancellationToken(true)));
        Assert.False(RetryPolicy.IsTransient(new ObjectConflictException("a", "b", "c"), CancellationToken.None));
        Assert.False(RetryPolicy.IsTransient(new ObjectNotFoundException("a", "b"), CancellationToken.None));
        Assert.True(RetryPolicy.IsRetryableStatus(System.Net.HttpStatusCode.ServiceUnavailable));
        Assert.False(RetryPolicy.IsRetryableStatus(System.Net.HttpStatusCode.Forbidden));
    }
}
