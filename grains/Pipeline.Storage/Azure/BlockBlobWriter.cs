using System.Buffers;
using System.Net;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;

namespace Pipeline.Storage.Azure;

/// <summary>
/// Writes one block blob. Content up to <see cref="BlobStoreOptions.SingleUploadMaxBytes"/> goes in one
/// Put Blob; larger content is cut into blocks of <see cref="BlobStoreOptions.BlockSize"/> staged with
/// Put Block, at most <see cref="BlobStoreOptions.MaxParallelBlocks"/> in flight (buffers from
/// <see cref="ArrayPool{T}"/>, so memory ≈ BlockSize × (parallelism + 1)), then committed with Put Block
/// List. Nothing is visible to readers before the commit.
/// <para>
/// Conditions (If-None-Match: * / If-Match) are sent on the committing request only; 409/412 become
/// <see cref="ObjectConflictException"/>. Every write stores a fresh write id as metadata
/// (<see cref="BlobProperties.WriteIdHeader"/>). A commit attempt can be applied by the service although its
/// response is lost (connection drop, timeout); the retry is then refused with 409/412. So on every refusal
/// the blob's properties are read: when they carry our write id, our own earlier attempt was applied and the
/// write succeeded; otherwise it is a real conflict (one extra HEAD per conflict).
/// </para>
/// <para>
/// If the commit reports InvalidBlockList (the service lost staged blocks, e.g. an emulator killed and
/// restarted) and the content stream is seekable, the missing blocks are staged again from the stream and the
/// commit is repeated. A write that finds its container missing creates it (if
/// <see cref="BlobStoreOptions.CreateContainerIfMissing"/>) and retries.
/// </para>
/// </summary>
internal sealed class BlockBlobWriter(BlobRestClient client, Func<CancellationToken, Task<bool>> createContainer, Func<string, CancellationToken, Task<BlobProperties?>> head)
{
    private BlobStoreOptions Options => client.Options;

    private readonly record struct CommitResult(HttpStatusCode Status, string? ErrorCode, BlobProperties? Properties);

    private readonly record struct Block(long Offset, int Length);

    /// <summary>Writes <paramref name="content"/> (read to its end) as blob <paramref name="blobPath"/> (escaped request path).</summary>
    public async Task<ObjectInfo> WriteAsync(string name, string blobPath, Stream content, WriteCondition? condition, CancellationToken ct)
    {
        var writeId = Guid.NewGuid();
        long origin = content.CanSeek ? content.Position : -1;
        int blockSize = Options.BlockSize;
        byte[]? first = ArrayPool<byte>.Shared.Rent(blockSize);
        byte[]? second = null;
        try
        {
            int n1 = await content.ReadAtLeastAsync(first.AsMemory(0, blockSize), blockSize, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            int n2 = 0;
            if (n1 == blockSize)
            {
                second = ArrayPool<byte>.Shared.Rent(blockSize);
                n2 = await content.ReadAtLeastAsync(second.AsMemory(0, blockSize), blockSize, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            }
            if (n2 == 0 && n1 <= Options.SingleUploadMaxBytes)
                return await PutBlobAsync(name, blobPath, first.AsMemory(0, n1), writeId, condition, ct).ConfigureAwait(false);

            var initial = new List<(byte[] Buffer, int Length)> { (first, n1) };
            if (n2 > 0) initial.Add((second!, n2));
            else if (second is not null) ArrayPool<byte>.Shared.Return(second);
            bool endOfStream = n1 < blockSize || n2 < blockSize;
            first = second = null; // owned by the block pipeline now
            return await PutBlocksAsync(name, blobPath, content, origin, initial, endOfStream, writeId, condition, ct).ConfigureAwait(false);
        }
        finally
        {
            if (first is not null) ArrayPool<byte>.Shared.Return(first);
            if (second is not null) ArrayPool<byte>.Shared.Return(second);
        }
    }

    // ---- single request -------------------------------------------------------------------------------

    private async Task<ObjectInfo> PutBlobAsync(string name, string blobPath, ReadOnlyMemory<byte> body, Guid writeId, WriteCondition? condition, CancellationToken ct)
    {
        for (int round = 0; ; round++)
        {
            var request = new BlobRequest(HttpMethod.Put, blobPath) { Body = body }
                .WithHeader("x-ms-blob-type", "BlockBlob")
                .WithHeader("x-ms-blob-content-type", BlobContentTypes.For(name))
                .WithHeader(BlobProperties.WriteIdHeader, writeId.ToString("N"));
            if (Options.ComputeContentMd5) request.ContentMd5 = Convert.ToBase64String(MD5.HashData(body.Span));
            ApplyCondition(request, condition);
            var result = await CommitRequestAsync(request, "Put Blob", name, ct).ConfigureAwait(false);
            if (result.Properties is { } done) return (done with { Size = body.Length }).ToObjectInfo(name);
            if (result.ErrorCode == "ContainerNotFound" && round == 0 && await TryCreateContainerAsync(ct).ConfigureAwait(false)) continue;
            return await ResolveRefusalAsync(name, blobPath, writeId, condition, result, "Put Blob", ct).ConfigureAwait(false);
        }
    }

    // ---- staged blocks --------------------------------------------------------------------------------

    private async Task<ObjectInfo> PutBlocksAsync(string name, string blobPath, Stream content, long origin, List<(byte[] Buffer, int Length)> initial,
        bool endOfStream, Guid writeId, WriteCondition? condition, CancellationToken ct)
    {
        var blocks = new List<Block>();
        var tasks = new List<Task>();
        long total = 0;
        using var md5 = Options.ComputeContentMd5 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        using var gate = new SemaphoreSlim(Options.MaxParallelBlocks);
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Exception? readFailure = null;
        int nextInitial = 0;
        try
        {
            // Fail fast before uploading gigabytes whose commit would be refused anyway (the commit re-checks).
            if (condition is not null) await PreCheckAsync(name, blobPath, condition, ct).ConfigureAwait(false);

            for (; nextInitial < initial.Count; nextInitial++)
            {
                await gate.WaitAsync(failFast.Token).ConfigureAwait(false);
                var (buffer, length) = initial[nextInitial];
                Stage(buffer, length);
            }
            while (!endOfStream)
            {
                await gate.WaitAsync(failFast.Token).ConfigureAwait(false);
                var buffer = ArrayPool<byte>.Shared.Rent(Options.BlockSize);
                int length;
                try { length = await content.ReadAtLeastAsync(buffer.AsMemory(0, Options.BlockSize), Options.BlockSize, false, failFast.Token).ConfigureAwait(false); }
                catch { ArrayPool<byte>.Shared.Return(buffer); gate.Release(); throw; }
                if (length == 0) { ArrayPool<byte>.Shared.Return(buffer); gate.Release(); break; }
                endOfStream = length < Options.BlockSize;
                Stage(buffer, length);
            }
        }
        catch (Exception e)
        {
            readFailure = e;
            failFast.Cancel();
        }
        finally
        {
            for (; nextInitial < initial.Count; nextInitial++) ArrayPool<byte>.Shared.Return(initial[nextInitial].Buffer);
        }

        // Report the first real failure: a block's (which cancelled the reading), else the reading's own.
        try { await Task.WhenAll(tasks).ConfigureAwait(false); }
        catch (Exception) { /* inspected below */ }
        ct.ThrowIfCancellationRequested();
        foreach (var t in tasks)
            if (t.IsFaulted && t.Exception!.InnerException is { } e && e is not OperationCanceledException) ExceptionDispatchInfo.Throw(e);
        if (readFailure is not null) ExceptionDispatchInfo.Throw(readFailure);
        foreach (var t in tasks) await t.ConfigureAwait(false);

        var ids = new string[blocks.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = BlockIds.For(writeId, i);
        var contentMd5 = md5 is null ? null : Convert.ToBase64String(md5.GetHashAndReset());
        return await CommitBlocksAsync(name, blobPath, content, origin, blocks, ids, total, contentMd5, writeId, condition, ct).ConfigureAwait(false);

        void Stage(byte[] buffer, int length)
        {
            int index = blocks.Count;
            if (index >= BlockIds.MaxBlocks)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                gate.Release();
                throw new InvalidOperationException($"'{name}' needs more than {BlockIds.MaxBlocks} blocks of {Options.BlockSize} bytes; raise BlobStoreOptions.BlockSize.");
            }
            blocks.Add(new Block(total, length));
            md5?.AppendData(buffer, 0, length);
            total += length;
            tasks.Add(StageOneAsync(buffer, length, BlockIds.For(writeId, index)));
        }

        async Task StageOneAsync(byte[] buffer, int length, string blockId)
        {
            try { await PutBlockAsync(name, blobPath, blockId, buffer.AsMemory(0, length), failFast.Token).ConfigureAwait(false); }
            catch { failFast.Cancel(); throw; }
            finally { ArrayPool<byte>.Shared.Return(buffer); gate.Release(); }
        }
    }

    private async Task PutBlockAsync(string name, string blobPath, string blockId, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        for (int round = 0; ; round++)
        {
            var request = new BlobRequest(HttpMethod.Put, blobPath) { Body = body }
                .WithQuery("comp", "block").WithQuery("blockid", blockId);
            if (Options.ComputeContentMd5) request.ContentMd5 = Convert.ToBase64String(MD5.HashData(body.Span));
            var missingContainer = await client.SendAsync(request, "Put Block", name, (response, _, _) =>
            {
                using (response)
                {
                    if (response.StatusCode == HttpStatusCode.Created) return Task.FromResult(false);
                    if (round == 0 && BlobRestClient.IsContainerNotFound(response)) return Task.FromResult(true);
                    throw client.Failure(response, "Put Block", name);
                }
            }, ct).ConfigureAwait(false);
            if (!missingContainer) { client.Statistics.BlockStaged(); return; }
            if (!await TryCreateContainerAsync(ct).ConfigureAwait(false)) throw client.Failure("Put Block", name, 404, "ContainerNotFound", "the container does not exist", null);
        }
    }

    private async Task<ObjectInfo> CommitBlocksAsync(string name, string blobPath, Stream content, long origin, List<Block> blocks, string[] ids,
        long total, string? contentMd5, Guid writeId, WriteCondition? condition, CancellationToken ct)
    {
        var body = BlobXml.BlockListBody(ids);
        for (int round = 0; ; round++)
        {
            var request = new BlobRequest(HttpMethod.Put, blobPath) { Body = body }
                .WithQuery("comp", "blocklist")
                .WithHeader("x-ms-blob-content-type", BlobContentTypes.For(name))
                .WithHeader(BlobProperties.WriteIdHeader, writeId.ToString("N"));
            if (contentMd5 is not null) request.WithHeader("x-ms-blob-content-md5", contentMd5);
            ApplyCondition(request, condition);
            var result = await CommitRequestAsync(request, "Put Block List", name, ct).ConfigureAwait(false);
            if (result.Properties is { } done) return (done with { Size = total }).ToObjectInfo(name);

            bool lostBlocks = result.ErrorCode is "InvalidBlockList" or "ContainerNotFound";
            if (!lostBlocks || round >= 3) return await ResolveRefusalAsync(name, blobPath, writeId, condition, result, "Put Block List", ct).ConfigureAwait(false);

            // The service lost staged blocks (or the whole container). A conditional write first checks
            // whether the blob settled meanwhile: our own earlier commit, or someone else's (a conflict).
            if (condition is not null && await head(blobPath, ct).ConfigureAwait(false) is { } now)
            {
                if (now.WriteId == writeId.ToString("N")) return (now with { Size = total }).ToObjectInfo(name);
                if (condition.IfNotExistsFlag) throw Conflict(name, "it exists already");
                if (now.ETag != condition.IfMatchETag) throw Conflict(name, "its ETag changed");
            }
            if (!content.CanSeek)
                throw client.Failure("Put Block List", name, (int)result.Status, result.ErrorCode,
                    "the service lost staged blocks and the content stream cannot be re-read (not seekable)", null);
            if (result.ErrorCode == "ContainerNotFound" && !await TryCreateContainerAsync(ct).ConfigureAwait(false))
                return await ResolveRefusalAsync(name, blobPath, writeId, condition, result, "Put Block List", ct).ConfigureAwait(false);
            await RestageMissingAsync(name, blobPath, content, origin, blocks, ids, ct).ConfigureAwait(false);
        }
    }

    private async Task RestageMissingAsync(string name, string blobPath, Stream content, long origin, List<Block> blocks, string[] ids, CancellationToken ct)
    {
        var request = new BlobRequest(HttpMethod.Get, blobPath).WithQuery("comp", "blocklist").WithQuery("blocklisttype", "uncommitted");
        var staged = await client.SendAsync(request, "Get Block List", name, async (response, _, token) =>
        {
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.NotFound) return new Dictionary<string, long>();
                if (!response.IsSuccessStatusCode) throw client.Failure(response, "Get Block List", name);
                await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                var buffered = new MemoryStream();
                await body.CopyToAsync(buffered, token).ConfigureAwait(false);
                buffered.Position = 0;
                return BlobXml.ReadUncommittedBlocks(buffered);
            }
        }, ct).ConfigureAwait(false);

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Options.BlockSize);
        try
        {
            for (int i = 0; i < blocks.Count; i++)
            {
                if (staged.TryGetValue(ids[i], out var size) && size == blocks[i].Length) continue;
                content.Position = origin + blocks[i].Offset;
                int n = await content.ReadAtLeastAsync(buffer.AsMemory(0, blocks[i].Length), blocks[i].Length, false, ct).ConfigureAwait(false);
                if (n != blocks[i].Length) throw new IOException($"The content stream of '{name}' changed while it was being uploaded (block {i} is shorter on re-read).");
                await PutBlockAsync(name, blobPath, ids[i], buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                client.Statistics.BlockRestaged();
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    // ---- conditions -----------------------------------------------------------------------------------

    private static void ApplyCondition(BlobRequest request, WriteCondition? condition)
    {
        if (condition is null) return;
        if (condition.IfNotExistsFlag) request.IfNoneMatch = "*";
        else request.IfMatch = condition.IfMatchETag;
    }

    /// <summary>Sends a committing request; success yields properties, a refusal yields status and error code.</summary>
    private Task<CommitResult> CommitRequestAsync(BlobRequest request, string operation, string name, CancellationToken ct) =>
        client.SendAsync(request, operation, name, (response, _, _) =>
        {
            using (response)
            {
                var code = BlobRestClient.ErrorCode(response);
                if (response.StatusCode == HttpStatusCode.Created)
                    return Task.FromResult(new CommitResult(response.StatusCode, code, BlobProperties.From(response)));
                if ((int)response.StatusCode is 400 or 404 or 409 or 412)
                    return Task.FromResult(new CommitResult(response.StatusCode, code, null));
                throw client.Failure(response, operation, name);
            }
        }, ct);

    private async Task<ObjectInfo> ResolveRefusalAsync(string name, string blobPath, Guid writeId, WriteCondition? condition, CommitResult result, string operation, CancellationToken ct)
    {
        bool conditionRefused = condition is not null &&
            (result.Status is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed ||
             (result.Status == HttpStatusCode.NotFound && result.ErrorCode == "BlobNotFound" && condition.IfMatchETag is not null));
        if (!conditionRefused)
            throw client.Failure(operation, name, (int)result.Status, result.ErrorCode, $"HTTP {(int)result.Status}" + (result.ErrorCode is null ? "" : $", error code {result.ErrorCode}"), null);

        // An earlier attempt may have been applied before its response was lost: is the blob ours? Checked on
        // every refusal, not only after our own retries, because SocketsHttpHandler also re-sends requests
        // internally when a pooled connection fails before any response byte arrives.
        if (await head(blobPath, ct).ConfigureAwait(false) is { } now && now.WriteId == writeId.ToString("N"))
            return now.ToObjectInfo(name);
        throw Conflict(name, condition!.IfNotExistsFlag ? "it exists already" : result.Status == HttpStatusCode.NotFound ? "it does not exist" : "its ETag changed");
    }

    private async Task PreCheckAsync(string name, string blobPath, WriteCondition condition, CancellationToken ct)
    {
        var now = await head(blobPath, ct).ConfigureAwait(false);
        if (condition.IfNotExistsFlag && now is not null) throw Conflict(name, "it exists already");
        if (condition.IfMatchETag is not null && now is null) throw Conflict(name, "it does not exist");
        if (condition.IfMatchETag is not null && now!.ETag != condition.IfMatchETag) throw Conflict(name, "its ETag changed");
    }

    private ObjectConflictException Conflict(string name, string detail) => new(name, client.DisplayUri, detail);

    /// <summary>Creates the missing container if the options allow it; false if they do not.</summary>
    private async Task<bool> TryCreateContainerAsync(CancellationToken ct)
    {
        if (!Options.CreateContainerIfMissing) return false;
        await createContainer(ct).ConfigureAwait(false);
        return true;
    }
}
