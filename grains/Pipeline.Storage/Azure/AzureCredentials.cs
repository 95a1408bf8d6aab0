using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace Pipeline.Storage.Azure;

/// <summary>How requests to the Blob service are authorized.</summary>
public enum AzureCredentialKind
{
    /// <summary>Shared Key: the SDK signs every request with the account key.</summary>
    SharedKey,

    /// <summary>Shared access signature: the SDK appends a SAS token to every request.</summary>
    Sas,

    /// <summary>Microsoft Entra ID: a bearer token from a <see cref="TokenCredential"/> (by default <see cref="DefaultAzureCredential"/>).</summary>
    Token,
}

/// <summary>
/// A storage account's Blob endpoint and what authorizes requests to it: an account key, a SAS token, or a
/// Microsoft Entra ID <see cref="TokenCredential"/>. Built from a connection string (<see cref="Parse"/>),
/// <c>AZURE_STORAGE_CONNECTION_STRING</c> (<see cref="FromEnvironment"/>), or explicitly; turned into the SDK's
/// <see cref="BlobServiceClient"/> by <see cref="CreateServiceClient"/> (also the helper other components — e.g.
/// clustering — can reuse: <see cref="ServiceClientFromEnvironment"/>). The secret is never exposed: it is not a
/// public property, <see cref="ToString"/> omits it, and messages this library builds pass through <see cref="Redact"/>.
/// </summary>
public sealed class AzureCredentials
{
    /// <summary>Name of the environment variable read by <see cref="FromEnvironment"/>.</summary>
    public const string ConnectionStringVariable = "AZURE_STORAGE_CONNECTION_STRING";

    /// <summary>The account name of the Azurite/Azure Storage emulator.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's documented, public development key (not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string? _key;
    private readonly string? _sas;
    private readonly TokenCredential? _token;

    private AzureCredentials(string accountName, Uri blobEndpoint, AzureCredentialKind kind, string? key, string? sas, TokenCredential? token)
    {
        AccountName = accountName;
        BlobEndpoint = blobEndpoint;
        Kind = kind;
        _key = key;
        _sas = sas;
        _token = token;
    }

    /// <summary>The storage account name (e.g. <c>devstoreaccount1</c>).</summary>
    public string AccountName { get; }

    /// <summary>
    /// The Blob service endpoint without query or trailing slash: <c>https://account.blob.core.windows.net</c>,
    /// or path-style <c>http://127.0.0.1:10000/devstoreaccount1</c> for Azurite.
    /// </summary>
    public Uri BlobEndpoint { get; }

    /// <summary>Account key, SAS token or Entra ID token.</summary>
    public AzureCredentialKind Kind { get; }

    /// <summary>Credentials that sign requests with an account key (base64, as shown in the Azure portal).</summary>
    /// <param name="accountName">Storage account name.</param>
    /// <param name="accountKey">Base64 account key.</param>
    /// <param name="blobEndpoint">Blob endpoint; default <c>https://{accountName}.blob.core.windows.net</c>.</param>
    public static AzureCredentials FromSharedKey(string accountName, string accountKey, Uri? blobEndpoint = null)
    {
        if (string.IsNullOrWhiteSpace(accountName)) throw new ArgumentException("The account name is empty.", nameof(accountName));
        if (string.IsNullOrWhiteSpace(accountKey)) throw new ArgumentException("The account key is empty.", nameof(accountKey));
        var key = accountKey.Trim();
        try { Convert.FromBase64String(key); }
        catch (FormatException) { throw new ArgumentException("The account key is not valid base64 (value not shown).", nameof(accountKey)); }
        var endpoint = NormalizeEndpoint(blobEndpoint ?? new Uri($"https://{accountName}.blob.core.windows.net"));
        return new AzureCredentials(accountName, endpoint, AzureCredentialKind.SharedKey, key, null, null);
    }

    /// <summary>Credentials that append a SAS token (with or without leading '?') to every request.</summary>
    /// <param name="blobEndpoint">Blob endpoint the token was issued for.</param>
    /// <param name="sasToken">The SAS query string (<c>sv=...&amp;sig=...</c>).</param>
    /// <param name="accountName">Account name; default derived from the endpoint.</param>
    public static AzureCredentials FromSas(Uri blobEndpoint, string sasToken, string? accountName = null)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        var sas = (sasToken ?? "").Trim().TrimStart('?');
        if (sas.Length == 0) throw new ArgumentException("The SAS token is empty.", nameof(sasToken));
        if (!sas.Contains("sig=", StringComparison.Ordinal)) throw new ArgumentException("The SAS token has no 'sig' parameter (value not shown).", nameof(sasToken));
        var endpoint = NormalizeEndpoint(blobEndpoint);
        return new AzureCredentials(accountName ?? AccountNameOf(endpoint), endpoint, AzureCredentialKind.Sas, null, sas, null);
    }

    /// <summary>
    /// Credentials that sign in with Microsoft Entra ID: <paramref name="credential"/>, or, if null,
    /// <see cref="DefaultAzureCredential"/> (environment, workload identity, managed identity, <c>az login</c>, …).
    /// The endpoint must be https (the SDK sends bearer tokens over TLS only).
    /// </summary>
    public static AzureCredentials FromToken(Uri blobEndpoint, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        var endpoint = NormalizeEndpoint(blobEndpoint);
        return new AzureCredentials(AccountNameOf(endpoint), endpoint, AzureCredentialKind.Token, null, null, credential ?? new DefaultAzureCredential());
    }

    /// <summary>Azurite's well-known development account <c>devstoreaccount1</c> on <c>http://127.0.0.1:{port}</c>.</summary>
    public static AzureCredentials DevelopmentStorage(int port = 10000) =>
        FromSharedKey(DevelopmentAccountName, DevelopmentAccountKey, new Uri($"http://127.0.0.1:{port}/{DevelopmentAccountName}"));

    /// <summary>
    /// Parses an Azure Storage connection string: <c>UseDevelopmentStorage=true</c>;
    /// <c>AccountName=..;AccountKey=..[;DefaultEndpointsProtocol=https][;EndpointSuffix=..][;BlobEndpoint=..]</c>;
    /// or <c>BlobEndpoint=..;SharedAccessSignature=..</c>. Error messages never include values.
    /// </summary>
    public static AzureCredentials Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) throw new ArgumentException("The connection string is empty.", nameof(connectionString));
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in connectionString.Split(';'))
        {
            var part = raw.Trim();
            if (part.Length == 0) continue;
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new FormatException("The connection string has a part without 'name=value' (values not shown).");
            parts[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var proxy = parts.TryGetValue("DevelopmentStorageProxyUri", out var p) ? new Uri(p) : new Uri("http://127.0.0.1");
            return FromSharedKey(DevelopmentAccountName, DevelopmentAccountKey, new Uri($"{proxy.Scheme}://{proxy.Host}:10000/{DevelopmentAccountName}"));
        }

        parts.TryGetValue("AccountName", out var account);
        Uri? endpoint = null;
        if (parts.TryGetValue("BlobEndpoint", out var be))
        {
            if (!Uri.TryCreate(be, UriKind.Absolute, out endpoint) || (endpoint.Scheme != "https" && endpoint.Scheme != "http"))
                throw new FormatException("The connection string's BlobEndpoint is not an http(s) URL.");
        }
        else if (account is { Length: > 0 })
        {
            var protocol = parts.TryGetValue("DefaultEndpointsProtocol", out var proto) ? proto.ToLowerInvariant() : "https";
            var suffix = parts.TryGetValue("EndpointSuffix", out var sfx) ? sfx : "core.windows.net";
            endpoint = new Uri($"{protocol}://{account}.blob.{suffix}");
        }

        if (parts.TryGetValue("AccountKey", out var key) && key.Length > 0)
        {
            if (account is not { Length: > 0 }) throw new FormatException("The connection string has an AccountKey but no AccountName.");
            return FromSharedKey(account, key, endpoint);
        }
        if (parts.TryGetValue("SharedAccessSignature", out var sas) && sas.Length > 0)
        {
            if (endpoint is null) throw new FormatException("The connection string has a SharedAccessSignature but no BlobEndpoint or AccountName.");
            return FromSas(endpoint, sas, account is { Length: > 0 } ? account : null);
        }
        throw new FormatException("The connection string has neither AccountKey, SharedAccessSignature nor UseDevelopmentStorage=true.");
    }

    /// <summary>Parses <c>AZURE_STORAGE_CONNECTION_STRING</c>, or returns null if it is not set.</summary>
    public static AzureCredentials? FromEnvironment()
    {
        var cs = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        return string.IsNullOrWhiteSpace(cs) ? null : Parse(cs);
    }

    /// <summary>
    /// The SDK client of the account <c>AZURE_STORAGE_CONNECTION_STRING</c> names, with the retry, timeout and
    /// transfer settings of <paramref name="options"/>. Throws <see cref="InvalidOperationException"/> (naming the
    /// variable, not its value) if it is not set.
    /// </summary>
    public static BlobServiceClient ServiceClientFromEnvironment(BlobStoreOptions? options = null) =>
        (FromEnvironment() ?? throw new InvalidOperationException($"{ConnectionStringVariable} is not set.")).CreateServiceClient(options ?? new BlobStoreOptions());

    /// <summary>An SDK client for this account and credential, configured from <paramref name="options"/>.</summary>
    public BlobServiceClient CreateServiceClient(BlobStoreOptions options) => CreateServiceClient(options.ClientOptions());

    /// <summary>An SDK client for this account and credential with the given SDK options.</summary>
    public BlobServiceClient CreateServiceClient(BlobClientOptions clientOptions) => Kind switch
    {
        AzureCredentialKind.SharedKey => new BlobServiceClient(BlobEndpoint, new StorageSharedKeyCredential(AccountName, _key!), clientOptions),
        AzureCredentialKind.Sas => new BlobServiceClient(BlobEndpoint, new AzureSasCredential(_sas!), clientOptions),
        _ => new BlobServiceClient(BlobEndpoint, _token!, clientOptions),
    };

    /// <summary>The same secret for another endpoint of the same account (e.g. a URL given on the command line).</summary>
    public AzureCredentials WithEndpoint(Uri blobEndpoint) =>
        new(AccountName, NormalizeEndpoint(blobEndpoint), Kind, _key, _sas, _token);

    /// <summary>
    /// Replaces every occurrence of this credential's secret (account key, SAS token, SAS signature, raw or
    /// URL-encoded) in <paramref name="text"/> with "***". Applied to every message this library builds.
    /// </summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        if (_key is not null) text = ReplaceBoth(text, _key);
        if (_sas is not null)
        {
            text = ReplaceBoth(text, _sas);
            foreach (var pair in _sas.Split('&'))
            {
                if (!pair.StartsWith("sig=", StringComparison.OrdinalIgnoreCase) || pair.Length <= 4) continue;
                var sig = pair[4..];
                text = ReplaceBoth(text, sig);
                text = ReplaceBoth(text, Uri.UnescapeDataString(sig));
            }
        }
        return text;
    }

    private static string ReplaceBoth(string text, string secret)
    {
        if (secret.Length < 4) return text;
        text = text.Replace(secret, "***", StringComparison.Ordinal);
        var escaped = Uri.EscapeDataString(secret);
        return escaped == secret ? text : text.Replace(escaped, "***", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Kind, account and endpoint; never the secret.</summary>
    public override string ToString() => $"AzureCredentials({Kind}, account={AccountName}, endpoint={BlobEndpoint})";

    private static Uri NormalizeEndpoint(Uri endpoint)
    {
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != "https" && endpoint.Scheme != "http"))
            throw new ArgumentException("The Blob endpoint must be an absolute http(s) URL.", nameof(endpoint));
        return new Uri(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }

    /// <summary>The account an endpoint names: first path segment (path style) or first host label.</summary>
    public static string AccountNameOf(Uri endpoint)
    {
        var path = endpoint.AbsolutePath.Trim('/');
        if (path.Length > 0) return path.Split('/')[0];        // path-style (Azurite): http://127.0.0.1:10000/account
        var host = endpoint.Host;
        int dot = host.IndexOf('.');
        return dot > 0 ? host[..dot] : host;                    // https://account.blob.core.windows.net
    }
}
