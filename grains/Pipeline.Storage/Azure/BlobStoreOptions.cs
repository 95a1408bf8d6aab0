using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace Pipeline.Storage.Azure;

/// <summary>
/// Credentials and tuning of an <see cref="AzureBlobStore"/>, mapped onto the Azure SDK's options
/// (<see cref="ClientOptions"/>, <see cref="TransferOptions"/>, <see cref="UploadValidation"/>): upload block size,
/// single-request threshold and parallelism (memory of one upload ≈ <see cref="BlockSize"/> × <see cref="MaxParallelBlocks"/>),
/// the SDK's exponential retry policy, the per-try network timeout, and the listing page size.
/// </summary>
public sealed record BlobStoreOptions
{
    /// <summary>Endpoint and secret; null means "from the URL's SAS, <see cref="TokenCredential"/>, or <c>AZURE_STORAGE_CONNECTION_STRING</c>".</summary>
    public AzureCredentials? Credentials { get; init; }

    /// <summary>
    /// Entra ID credential for account URLs without SAS or key; null means <c>DefaultAzureCredential</c> (tests inject
    /// one here). When set, it is used for account URLs even if <c>AZURE_STORAGE_CONNECTION_STRING</c> is set.
    /// </summary>
    public TokenCredential? TokenCredential { get; init; }

    /// <summary>HTTP transport of the SDK client (tests: trust a test certificate); null for the SDK's default.</summary>
    public HttpPipelineTransport? Transport { get; init; }

    /// <summary>Bytes per staged block of a multi-block upload (SDK <see cref="StorageTransferOptions.MaximumTransferSize"/>). Default 8 MiB.</summary>
    public int BlockSize { get; init; } = 8 << 20;

    /// <summary>Objects below this size (from a seekable stream) are written with one Put Blob request (SDK <see cref="StorageTransferOptions.InitialTransferSize"/>). Default 8 MiB.</summary>
    public int SingleUploadMaxBytes { get; init; } = 8 << 20;

    /// <summary>Blocks of one upload in flight at once (SDK <see cref="StorageTransferOptions.MaximumConcurrency"/>). Default 4.</summary>
    public int MaxParallelBlocks { get; init; } = 4;

    /// <summary>Retries of one request after a transient failure (SDK <c>Retry.MaxRetries</c>: 408/429/500/502/503/504, connection failures, timeouts). Default 6.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>First backoff delay of the SDK's exponential retry (<c>Retry.Delay</c>; jittered, doubling). Default 250 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of one backoff delay (<c>Retry.MaxDelay</c>). Default 15 s.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Timeout of one try (<c>Retry.NetworkTimeout</c>: no response, or a download stalled this long, is retried). Default 100 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Page size hint of listings (1..5000). Default 5000.</summary>
    public int ListPageSize { get; init; } = 5000;

    /// <summary>Create the container when a write finds it missing. Default true.</summary>
    public bool CreateContainerIfMissing { get; init; } = true;

    /// <summary>
    /// Send Content-MD5 with every Put Blob and Put Block (the service verifies each request's body; SDK
    /// <c>TransferValidation.Upload</c> = MD5). CRC64, the SDK's other algorithm, is refused by Azurite 3.35. Default true.
    /// </summary>
    public bool ComputeContentMd5 { get; init; } = true;

    /// <summary>Options with credentials parsed from a connection string (see <see cref="AzureCredentials.Parse"/>).</summary>
    public static BlobStoreOptions FromConnectionString(string connectionString) => new() { Credentials = AzureCredentials.Parse(connectionString) };

    /// <summary>Throws <see cref="ArgumentException"/> if a setting is out of range.</summary>
    public void Validate()
    {
        if (BlockSize < 1024 || BlockSize > 256 << 20) throw new ArgumentException($"BlockSize must be between 1 KiB and 256 MiB (was {BlockSize}).");
        if (SingleUploadMaxBytes < 0 || SingleUploadMaxBytes > 256 << 20) throw new ArgumentException($"SingleUploadMaxBytes must be between 0 and 256 MiB (was {SingleUploadMaxBytes}).");
        if (MaxParallelBlocks is < 1 or > 64) throw new ArgumentException($"MaxParallelBlocks must be between 1 and 64 (was {MaxParallelBlocks}).");
        if (MaxRetries is < 0 or > 100) throw new ArgumentException($"MaxRetries must be between 0 and 100 (was {MaxRetries}).");
        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) throw new ArgumentException("Retry delays must satisfy 0 <= RetryBaseDelay <= RetryMaxDelay.");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("RequestTimeout must be positive.");
        if (ListPageSize is < 1 or > 5000) throw new ArgumentException($"ListPageSize must be between 1 and 5000 (was {ListPageSize}).");
    }

    /// <summary>The SDK client options: exponential retries, per-try timeout, MD5 or no transfer validation, the transport.</summary>
    public BlobClientOptions ClientOptions()
    {
        var o = new BlobClientOptions();
        o.Retry.Mode = RetryMode.Exponential;
        o.Retry.MaxRetries = MaxRetries;
        o.Retry.Delay = RetryBaseDelay;
        o.Retry.MaxDelay = RetryMaxDelay;
        o.Retry.NetworkTimeout = RequestTimeout;
        o.TransferValidation.Upload.ChecksumAlgorithm = UploadValidation;
        o.TransferValidation.Download.ChecksumAlgorithm = StorageChecksumAlgorithm.None;
        if (Transport is not null) o.Transport = Transport;
        return o;
    }

    /// <summary>Block size, single-request threshold and parallelism of uploads.</summary>
    public StorageTransferOptions TransferOptions => new()
    {
        MaximumTransferSize = BlockSize,
        InitialTransferSize = SingleUploadMaxBytes,
        MaximumConcurrency = MaxParallelBlocks,
    };

    /// <summary>MD5 when <see cref="ComputeContentMd5"/>, else none.</summary>
    public StorageChecksumAlgorithm UploadValidation => ComputeContentMd5 ? StorageChecksumAlgorithm.MD5 : StorageChecksumAlgorithm.None;

    /// <summary>Settings only: never the credential (the compiler-generated text would print its type only, but say so explicitly).</summary>
    public override string ToString() =>
        $"BlobStoreOptions(credentials={Credentials?.ToString() ?? "(environment)"}, blockSize={BlockSize}, singleUploadMaxBytes={SingleUploadMaxBytes}, " +
        $"maxParallelBlocks={MaxParallelBlocks}, maxRetries={MaxRetries}, retryDelay={RetryBaseDelay}..{RetryMaxDelay}, requestTimeout={RequestTimeout}, md5={ComputeContentMd5})";
}
