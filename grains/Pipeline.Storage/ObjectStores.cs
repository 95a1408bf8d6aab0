using Pipeline.Storage.Azure;

namespace Pipeline.Storage;

/// <summary>
/// Opens the <see cref="IObjectStore"/> a user names on the command line: a local folder path, or an Azure
/// Blob location — <c>az://container/prefix</c> (account and secret from <see cref="BlobStoreOptions.Credentials"/>
/// or <c>AZURE_STORAGE_CONNECTION_STRING</c>), <c>https://account.blob.core.windows.net/container/prefix[?sas]</c>,
/// or path-style <c>http://127.0.0.1:10000/devstoreaccount1/container/prefix[?sas]</c> for Azurite.
/// </summary>
public static class ObjectStores
{
    /// <summary>True if <paramref name="location"/> names a blob location rather than a local folder.</summary>
    public static bool IsBlobUri(string location) =>
        location.StartsWith("az://", StringComparison.OrdinalIgnoreCase) ||
        location.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens a local folder or blob location (blob credentials from the environment, the URL's SAS, or Entra ID sign-in).</summary>
    public static IObjectStore Open(string location) => Open(location, null);

    /// <summary>
    /// Opens a local folder or blob location. For blob locations the credentials are, in order: the SAS query string of
    /// an http(s) URL; <paramref name="options"/>.Credentials; for an http(s) URL, <paramref name="options"/>.TokenCredential;
    /// <c>AZURE_STORAGE_CONNECTION_STRING</c>; and for an http(s) URL without any of these, Microsoft Entra ID sign-in with
    /// <c>DefaultAzureCredential</c> (managed identity, workload identity, environment, <c>az login</c>). An http(s) URL uses the
    /// account key or SAS of configured credentials for the URL's endpoint (their account must match). Locations with "..",
    /// "." or encoded separators in the path are rejected.
    /// </summary>
    /// <param name="location">Folder path, az:// location or http(s) URL.</param>
    /// <param name="options">Blob credentials and tuning (ignored for local folders).</param>
    public static IObjectStore Open(string location, BlobStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!IsBlobUri(location)) return new LocalFolderStore(location);

        var parsed = BlobLocation.Parse(location);
        options ??= new BlobStoreOptions();
        AzureCredentials credentials;
        if (parsed.SasToken is not null)
            credentials = AzureCredentials.FromSas(parsed.Endpoint!, parsed.SasToken);
        else if (parsed.Endpoint is null)
            credentials = options.Credentials ?? AzureCredentials.FromEnvironment()
                ?? throw new InvalidOperationException(
                    $"No Azure credentials for '{parsed.DisplayUri}': set {AzureCredentials.ConnectionStringVariable}, or use an account URL (https://ACCOUNT.blob.core.windows.net/container/prefix) with a SAS or Microsoft Entra ID sign-in.");
        else if ((options.TokenCredential is null ? options.Credentials ?? AzureCredentials.FromEnvironment() : options.Credentials) is { } configured)
        {
            var urlAccount = AzureCredentials.AccountNameOf(parsed.Endpoint);
            if (!urlAccount.Equals(configured.AccountName, StringComparison.Ordinal))
                throw new InvalidOperationException($"The configured credentials are for account '{configured.AccountName}' but '{parsed.DisplayUri}' names account '{urlAccount}'.");
            credentials = configured.WithEndpoint(parsed.Endpoint);
        }
        else
            credentials = AzureCredentials.FromToken(parsed.Endpoint, options.TokenCredential);
        return new AzureBlobStore(parsed.Container, parsed.Prefix, options with { Credentials = credentials }, parsed.DisplayUri);
    }
}
