namespace Pipeline.Storage.Azure;

/// <summary>
/// Credentials and tuning of an <see cref="AzureBlobStore"/>: upload block size and parallelism
/// (memory of one upload ≈ <see cref="BlockSize"/> × (<see cref="MaxParallelBlocks"/> + 1)), retries with
/// exponential backoff and jitter, the per-request timeout, and the listing page size.
/// </summary>
public sealed record BlobStoreOptions
{
    /// <summary>Endpoint and secret; null means "from <c>AZURE_STORAGE_CONNECTION_STRING</c>".</summary>
    public AzureCredentials? Credentials { get; init; }

    /// <summary>Bytes per staged block of a multi-block upload (Put Block). Default 8 MiB.</summary>
    public int BlockSize { get; init; } = 8 << 20;

    /// <summary>Objects up to this size are written with one Put Blob request (≤ <see cref="BlockSize"/>). Default 8 MiB.</summary>
    public int SingleUploadMaxBytes { get; init; } = 8 << 20;

    /// <summary>Blocks of one upload in flight at once. Default 4.</summary>
    public int MaxParallelBlocks { get; init; } = 4;

    /// <summary>Retries of one request after a transient failure (408/429/500/502/503/504, connection failure, timeout). Default 6.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>First backoff delay; each retry doubles it (with jitter), capped by <see cref="RetryMaxDelay"/>. Default 250 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of one backoff delay (also caps a server's Retry-After). Default 15 s.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Timeout of one request attempt (and of one read of a download stream). Default 100 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>maxresults of one List Blobs page (1..5000). Default 5000.</summary>
    public int ListPageSize { get; init; } = 5000;

    /// <summary>Create the container when a write finds it missing. Default true.</summary>
    public bool CreateContainerIfMissing { get; init; } = true;

    /// <summary>
    /// Send Content-MD5 with Put Blob and Put Block (the service verifies it) and store the whole object's MD5
    /// (x-ms-blob-content-md5) on Put Block List, so downloads can be verified. Default true.
    /// </summary>
    public bool ComputeContentMd5 { get; init; } = true;

    /// <summary>Options with credentials parsed from a connection string (see <see cref="AzureCredentials.Parse"/>).</summary>
    public static BlobStoreOptions FromConnectionString(string connectionString) => new() { Credentials = AzureCredentials.Parse(connectionString) };

    /// <summary>Throws <see cref="ArgumentException"/> if a setting is out of range.</summary>
    public void Validate()
    {
        if (BlockSize < 1024 || BlockSize > 256 << 20) throw new ArgumentException($"BlockSize must be between 1 KiB and 256 MiB (was {BlockSize}).");
        if (SingleUploadMaxBytes < 0 || SingleUploadMaxBytes > BlockSize) throw new ArgumentException($"SingleUploadMaxBytes must be between 0 and BlockSize (was {SingleUploadMaxBytes}).");
        if (MaxParallelBlocks is < 1 or > 64) throw new ArgumentException($"MaxParallelBlocks must be between 1 and 64 (was {MaxParallelBlocks}).");
        if (MaxRetries is < 0 or > 100) throw new ArgumentException($"MaxRetries must be between 0 and 100 (was {MaxRetries}).");
        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) throw new ArgumentException("Retry delays must satisfy 0 <= RetryBaseDelay <= RetryMaxDelay.");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("RequestTimeout must be positive.");
        if (ListPageSize is < 1 or > 5000) throw new ArgumentException($"ListPageSize must be between 1 and 5000 (was {ListPageSize}).");
    }
}
