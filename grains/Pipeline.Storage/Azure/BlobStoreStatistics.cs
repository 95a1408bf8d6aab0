using Azure.Core;
using Azure.Core.Pipeline;

namespace Pipeline.Storage.Azure;

/// <summary>
/// Counters of one <see cref="AzureBlobStore"/> (thread-safe), for diagnostics and run reports: every try the SDK
/// sends passes through <see cref="Policy"/> (a per-retry pipeline policy).
/// </summary>
public sealed class BlobStoreStatistics
{
    private long _requests, _retries, _blocksStaged, _containersCreated;

    /// <summary>Tries sent (including retries).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Tries the SDK's retry policy repeated after a transient failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Blocks staged with Put Block (first tries).</summary>
    public long BlocksStaged => Interlocked.Read(ref _blocksStaged);

    /// <summary>Containers this store created because a write found them missing.</summary>
    public long ContainersCreated => Interlocked.Read(ref _containersCreated);

    internal void ContainerCreated() => Interlocked.Increment(ref _containersCreated);

    /// <summary>The pipeline policy that counts (add it per retry).</summary>
    internal HttpPipelinePolicy Policy => new Counter(this);

    /// <summary>One line with every counter.</summary>
    public override string ToString() => $"requests={Requests} retries={Retries} blocks={BlocksStaged} containersCreated={ContainersCreated}";

    private sealed class Counter(BlobStoreStatistics statistics) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            Interlocked.Increment(ref statistics._requests);
            if (message.ProcessingContext.RetryNumber > 0) Interlocked.Increment(ref statistics._retries);
            else if (message.Request.Uri.Query.Contains("comp=block&", StringComparison.Ordinal)) Interlocked.Increment(ref statistics._blocksStaged);
        }
    }
}
