namespace Pipeline.Storage.Azure;

/// <summary>Counters of one <see cref="AzureBlobStore"/> (thread-safe), for diagnostics and run reports.</summary>
public sealed class BlobStoreStatistics
{
    private long _requests, _retries, _blocksStaged, _blocksRestaged, _containersCreated;

    /// <summary>Request attempts sent (including retries).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Attempts repeated after a transient failure.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Blocks staged with Put Block.</summary>
    public long BlocksStaged => Interlocked.Read(ref _blocksStaged);

    /// <summary>Blocks staged again because the service had lost them (e.g. an emulator restart) before the commit.</summary>
    public long BlocksRestaged => Interlocked.Read(ref _blocksRestaged);

    /// <summary>Containers this store created because a write found them missing.</summary>
    public long ContainersCreated => Interlocked.Read(ref _containersCreated);

    internal void Request() => Interlocked.Increment(ref _requests);
    internal void Retry() => Interlocked.Increment(ref _retries);
    internal void BlockStaged() => Interlocked.Increment(ref _blocksStaged);
    internal void BlockRestaged() => Interlocked.Increment(ref _blocksRestaged);
    internal void ContainerCreated() => Interlocked.Increment(ref _containersCreated);

    /// <summary>One line with every counter.</summary>
    public override string ToString() =>
        $"requests={Requests} retries={Retries} blocks={BlocksStaged} restaged={BlocksRestaged} containersCreated={ContainersCreated}";
}
