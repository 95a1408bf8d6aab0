using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Pipeline.Storage.Azure;
using Xunit;

namespace Pipeline.Storage.Tests.Azure;

/// <summary>
/// Microsoft Entra ID sign-in, for real: an Azurite started with <c>--oauth basic</c> over https (a certificate made
/// here) accepts bearer tokens and checks their lifetime, issuer and audience. An account URL without SAS or key opens a
/// store that signs in with the <see cref="TokenCredential"/> injected through <see cref="BlobStoreOptions.TokenCredential"/>
/// (in production: DefaultAzureCredential) — every operation works with the token the credential issues, and an expired
/// token is refused, so it is the token that authorizes.
/// </summary>
[Collection("Azurite")]
public sealed class AzureBlobTokenTests
{
    [Fact]
    public async Task Account_url_without_sas_or_key_signs_in_with_a_bearer_token()
    {
        var certs = Directory.CreateTempSubdirectory("azurite-oauth-");
        var certificate = Path.Combine(certs.FullName, "azurite.crt");
        var key = Path.Combine(certs.FullName, "azurite.key");
        AzuriteFixture.WriteSelfSignedCertificate(certificate, key);
        var azurite = new AzuriteFixture { CertificatePath = certificate, KeyPath = key, OAuth = "basic" };
        await azurite.InitializeAsync();
        try
        {
            using var trusted = X509CertificateLoader.LoadCertificateFromFile(certificate);
            var options = new BlobStoreOptions
            {
                Transport = new HttpClientTransport(new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == trusted.Thumbprint,
                }),
                MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10), RetryMaxDelay = TimeSpan.FromMilliseconds(50),
            };
            var container = AzuriteFixture.NewContainerName();
            var location = $"{azurite.Endpoint}/{container}/out";
            var credential = new JwtTestCredential(TimeSpan.FromHours(1));
            var store = Assert.IsType<AzureBlobStore>(ObjectStores.Open(location, options with { TokenCredential = credential }));
            Assert.Equal(AzureCredentialKind.Token, store.Options.Credentials!.Kind);

            var data = TestData.Bytes(200_000, 21);
            var first = await store.WriteAsync("_manifest.json", new MemoryStream(data), WriteCondition.IfNotExists); // creates the container too
            await Assert.ThrowsAsync<ObjectConflictException>(() => store.WriteAsync("_manifest.json", new MemoryStream([1]), WriteCondition.IfNotExists));
            await store.WriteAsync("_manifest.json", new MemoryStream([2]), WriteCondition.IfMatch(first.ETag));
            await store.WriteAsync("part.bin", new MemoryStream(data));
            Assert.Equal(data, await TestData.ReadAllAsync(store, "part.bin"));
            Assert.Equal(data.AsSpan(1000, 10).ToArray(), await store.ReadRangeAsync("part.bin", 1000, 10));
            Assert.Equal(["_manifest.json", "part.bin"], (await AzureBlobStoreOperationTests.ListAsync(store, "")).Select(i => i.Name));
            Assert.True(await store.DeleteAsync("part.bin"));
            Assert.True(credential.Calls > 0);
            Assert.All(credential.Scopes, s => Assert.Equal("https://storage.azure.com/.default", s));

            // The same store with an expired token is refused (Azurite checks the token's lifetime), and says so without the token.
            var expired = new JwtTestCredential(TimeSpan.FromHours(-1));
            var refused = await Assert.ThrowsAsync<AzureBlobRequestException>(() =>
                ObjectStores.Open(location, options with { TokenCredential = expired }).GetInfoAsync("_manifest.json"));
            Assert.Equal(403, refused.StatusCode);
            Assert.DoesNotContain(expired.LastToken!, refused.ToString());
            Assert.DoesNotContain(expired.LastToken!.Split('.')[1], refused.ToString());
            Assert.True(await store.DeleteContainerAsync());
        }
        finally
        {
            await azurite.DisposeAsync();
            certs.Delete(recursive: true);
        }
    }

    /// <summary>Issues unsigned JWT-shaped tokens as Microsoft Entra ID would for Azure Storage (audience, issuer, lifetime).</summary>
    private sealed class JwtTestCredential(TimeSpan validFor) : TokenCredential
    {
        public int Calls;
        public List<string> Scopes { get; } = [];
        public string? LastToken { get; private set; }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext context, CancellationToken ct) => new(GetToken(context, ct));

        public override AccessToken GetToken(TokenRequestContext context, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            lock (Scopes) Scopes.AddRange(context.Scopes);
            var now = DateTimeOffset.UtcNow;
            var claims = new Dictionary<string, object>
            {
                ["aud"] = "https://storage.azure.com", ["iss"] = "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/",
                ["iat"] = now.AddHours(-2).ToUnixTimeSeconds(), ["nbf"] = now.AddHours(-2).ToUnixTimeSeconds(), ["exp"] = now.Add(validFor).ToUnixTimeSeconds(),
                ["oid"] = Guid.NewGuid().ToString(), ["tid"] = "72f988bf-86f1-41af-91ab-2d7cd011db47", ["ver"] = "1.0",
            };
            LastToken = $"{Base64Url(new { alg = "RS256", typ = "JWT" })}.{Base64Url(claims)}.{Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
            return new AccessToken(LastToken, now.AddHours(1)); // the SDK caches it; Azurite decides by the claims
        }

        private static string Base64Url(object value) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
