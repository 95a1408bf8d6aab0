namespace Pipeline.Storage.Azure;

/// <summary>
/// The process-wide <see cref="HttpClient"/> of every <see cref="AzureBlobStore"/>: one pooled
/// <see cref="SocketsHttpHandler"/> (connections recycled every 5 minutes so DNS changes are seen), no
/// client-level timeout (each attempt has its own, see <see cref="BlobStoreOptions.RequestTimeout"/>),
/// no redirects, cookies or automatic decompression.
/// </summary>
internal static class BlobHttp
{
    public static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        MaxConnectionsPerServer = 64,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    }, disposeHandler: false)
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
