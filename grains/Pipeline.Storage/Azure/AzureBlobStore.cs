using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Pipeline.Storage.Azure;

/// <summary>
/// An <see cref="IObjectStore"/> over an Azure Blob Storage container and optional prefix, through the Azure SDK
/// (<see cref="BlobContainerClient"/>): block blobs uploaded with <see cref="BlockBlobClient.UploadAsync(Stream, BlobUploadOptions, CancellationToken)"/>
/// (one Put Blob, or Put Block × n + Put Block List; streamed, memory bounded by the transfer options), read with
/// <see cref="BlobBaseClient.DownloadStreamingAsync(BlobDownloadOptions, CancellationToken)"/> (whole or ranged; a broken body
/// is resumed by the SDK), listed with <see cref="BlobContainerClient.GetBlobsAsync(GetBlobsOptions, CancellationToken)"/>.
/// Authorization, retries, timeouts and transfer sizes come from <see cref="BlobStoreOptions"/>. Object name <c>n</c> is
/// blob <c>prefix/n</c> in the container. Usually opened through <see cref="ObjectStores.Open(string, BlobStoreOptions?)"/>.
/// Failures surface as <see cref="AzureBlobRequestException"/> whose message names the operation, object, store,
/// status and error code — never a key, SAS or token.
/// </summary>
public sealed class AzureBlobStore : IObjectStore
{
    /// <summary>Metadata key of the write id every write stores (see <see cref="WriteAsync"/>).</summary>
    private const string WriteIdKey = "pipelinewriteid";

    private readonly BlobContainerClient _container;
    private readonly AzureCredentials _credentials;
    private readonly string _prefix;
    private int _containerChecked;

    /// <summary>
    /// A store over <paramref name="container"/>/<paramref name="prefix"/> with the credentials of
    /// <paramref name="options"/> (or, if it has none, of <c>AZURE_STORAGE_CONNECTION_STRING</c>).
    /// </summary>
    /// <param name="container">Container name (3-63 lowercase letters, digits, hyphens).</param>
    /// <param name="prefix">Prefix inside the container ("" for the whole container); validated like an object name.</param>
    /// <param name="options">Credentials and tuning; null for defaults and credentials from the environment.</param>
    public AzureBlobStore(string container, string prefix = "", BlobStoreOptions? options = null)
        : this(container, prefix, options ?? new BlobStoreOptions(), null)
    {
    }

    internal AzureBlobStore(string container, string prefix, BlobStoreOptions options, string? displayUri)
    {
        options.Validate();
        _credentials = options.Credentials ?? AzureCredentials.FromEnvironment()
            ?? throw new InvalidOperationException($"No Azure credentials: set {AzureCredentials.ConnectionStringVariable} or pass BlobStoreOptions.Credentials.");
        prefix = (prefix ?? "").Trim('/');
        Container = BlobLocation.ValidateContainer(container, "az://" + container);
        if (prefix.Length > 0) ObjectName.Validate(prefix);
        _prefix = prefix;
        DisplayUri = displayUri ?? "az://" + container + (prefix.Length > 0 ? "/" + prefix : "");
        Options = options with { Credentials = _credentials };
        Statistics = new BlobStoreStatistics();
        var clientOptions = options.ClientOptions();
        clientOptions.AddPolicy(Statistics.Policy, HttpPipelinePosition.PerRetry);
        _container = _credentials.CreateServiceClient(clientOptions).GetBlobContainerClient(Container);
    }

    /// <summary>A store over <paramref name="container"/>/<paramref name="prefix"/> of the account a connection string names.</summary>
    public static AzureBlobStore FromConnectionString(string connectionString, string container, string prefix = "") =>
        new(container, prefix, BlobStoreOptions.FromConnectionString(connectionString));

    /// <summary><c>az://container/prefix</c>, or the http(s) URL it was opened with minus any query string. Never contains secrets.</summary>
    public string DisplayUri { get; }

    /// <summary>The container name.</summary>
    public string Container { get; }

    /// <summary>The prefix inside the container ("" for none; no leading or trailing '/').</summary>
    public string Prefix => _prefix;

    /// <summary>Request, retry and block counters of this store.</summary>
    public BlobStoreStatistics Statistics { get; }

    /// <summary>The store's options (credentials resolved).</summary>
    public BlobStoreOptions Options { get; }

    /// <summary>Creates the container; false if it existed already.</summary>
    public Task<bool> CreateContainerIfNotExistsAsync(CancellationToken ct = default) => Call("Create Container", null, ct, async () =>
    {
        bool created = (await _container.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false)) is not null;
        if (created) Statistics.ContainerCreated();
        return created;
    });

    /// <summary>Deletes the whole container and every blob in it; false if it did not exist.</summary>
    public Task<bool> DeleteContainerAsync(CancellationToken ct = default) => Call("Delete Container", null, ct, async () =>
        (await _container.DeleteIfExistsAsync(cancellationToken: ct).ConfigureAwait(false)).Value);

    /// <inheritdoc/>
    /// <remarks>One streamed Get Blob (<c>DownloadStreamingAsync</c>); the SDK resumes a body that breaks off, pinned to the blob's ETag.</remarks>
    public Task<Stream> OpenReadAsync(string name, CancellationToken ct = default)
    {
        var blob = Blob(name);
        return Call("Get Blob", name, ct, async () =>
        {
            try { return (await blob.DownloadStreamingAsync(cancellationToken: ct).ConfigureAwait(false)).Value.Content; }
            catch (RequestFailedException e) when (e.Status == 404) { throw new ObjectNotFoundException(name, DisplayUri); }
        });
    }

    /// <inheritdoc/>
    public Task<byte[]> ReadRangeAsync(string name, long offset, int length, CancellationToken ct = default)
    {
        var blob = Blob(name);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length <= 0) return Task.FromResult(Array.Empty<byte>());
        return Call("Get Blob", name, ct, async () =>
        {
            BlobDownloadStreamingResult result;
            try
            {
                result = (await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length) }, ct).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 416) { return []; }
            catch (RequestFailedException e) when (e.Status == 404) { throw new ObjectNotFoundException(name, DisplayUri); }
            using (result)
            {
                long declared = result.Details.ContentLength;
                if (declared > length) throw new IOException($"The service returned {declared} bytes for a {length}-byte range of '{name}'.");
                var bytes = new byte[declared];
                await result.Content.ReadExactlyAsync(bytes, ct).ConfigureAwait(false);
                return bytes;
            }
        });
    }

    /// <inheritdoc/>
    public Task<ObjectInfo?> GetInfoAsync(string name, CancellationToken ct = default)
    {
        var blob = Blob(name);
        return Call("Get Blob Properties", name, ct, async () =>
        {
            try { return Info(name, (await blob.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value); }
            catch (RequestFailedException e) when (e.Status == 404) { return null; }
        });
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The SDK stages blocks of <see cref="BlobStoreOptions.BlockSize"/> (up to <see cref="BlobStoreOptions.MaxParallelBlocks"/> in
    /// flight) and commits them with Put Block List, or sends one Put Blob up to <see cref="BlobStoreOptions.SingleUploadMaxBytes"/>:
    /// readers never see part of an object. The condition goes on the committing request (If-None-Match: * or If-Match).
    /// Every write stores a fresh write id as metadata: when the SDK retries a conditional commit whose response was lost
    /// although the service applied it, the retry is refused (409/412), and the blob then carries our write id — that is
    /// our own success, not a conflict. A write that finds its container missing creates it; when the service lost staged
    /// blocks or the container (an emulator killed and restarted) and <paramref name="content"/> is seekable, the upload is
    /// repeated from the stream's start position.
    /// </remarks>
    public async Task<ObjectInfo> WriteAsync(string name, Stream content, WriteCondition? condition = null, CancellationToken ct = default)
    {
        var blob = _container.GetBlockBlobClient(BlobName(name));
        ArgumentNullException.ThrowIfNull(content);
        var writeId = Guid.NewGuid().ToString("N");
        long origin = content.CanSeek ? content.Position : -1;
        var source = content.CanSeek ? content : new CountingStream(content);
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = BlobContentTypes.For(name) },
            Metadata = new Dictionary<string, string> { [WriteIdKey] = writeId },
            Conditions = condition switch
            {
                null => null,
                { IfNotExistsFlag: true } => new BlobRequestConditions { IfNoneMatch = ETag.All },
                _ => new BlobRequestConditions { IfMatch = new ETag(condition.IfMatchETag!) },
            },
            TransferOptions = Options.TransferOptions,
        };
        if (Options.CreateContainerIfMissing && Interlocked.Exchange(ref _containerChecked, 1) == 0)
            await EnsureContainerAsync(ct).ConfigureAwait(false);

        return await Call("Upload", name, ct, async () =>
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    var uploaded = (await blob.UploadAsync(source, upload, ct).ConfigureAwait(false)).Value;
                    long size = content.CanSeek ? content.Length - origin : ((CountingStream)source).Count;
                    return new ObjectInfo(name, size, uploaded.ETag.ToString("H"), uploaded.LastModified);
                }
                catch (RequestFailedException e) when (condition is not null && e.Status is 409 or 412 or 404 && e.ErrorCode != "ContainerNotFound")
                {
                    var current = await GetPropertiesOrNullAsync(blob, ct).ConfigureAwait(false);
                    if (current is not null && current.Metadata.TryGetValue(WriteIdKey, out var id) && id == writeId) return Info(name, current);
                    throw new ObjectConflictException(name, DisplayUri,
                        condition.IfNotExistsFlag ? "it exists already" : current is null ? "it does not exist" : "its ETag changed");
                }
                catch (RequestFailedException e) when (attempt < 3 && content.CanSeek && e.ErrorCode is "InvalidBlockList" or "ContainerNotFound")
                {
                    // The service lost what this upload had staged (or its container): start over from the stream.
                    if (e.ErrorCode == "ContainerNotFound" && Options.CreateContainerIfMissing) await EnsureContainerAsync(ct).ConfigureAwait(false);
                    content.Position = origin;
                }
            }
        }).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Pages through List Blobs (<see cref="BlobStoreOptions.ListPageSize"/>); a missing container lists nothing.
    /// The service returns names in UTF-8 byte order, which equals ordinal order for all but supplementary-plane characters.</remarks>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (prefix.Length > 0) ObjectName.Validate(prefix);
        var fullPrefix = _prefix.Length == 0 ? prefix : _prefix + "/" + prefix;
        int strip = _prefix.Length == 0 ? 0 : _prefix.Length + 1;
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = fullPrefix.Length > 0 ? fullPrefix : null }, ct)
            .AsPages(pageSizeHint: Options.ListPageSize).GetAsyncEnumerator(ct);
        await using (pages.ConfigureAwait(false))
        {
            while (true)
            {
                bool more = await Call("List Blobs", fullPrefix, ct, async () =>
                {
                    try { return await pages.MoveNextAsync().ConfigureAwait(false); }
                    catch (RequestFailedException e) when (e.ErrorCode == "ContainerNotFound") { return false; }
                }).ConfigureAwait(false);
                if (!more) yield break;
                foreach (var blob in pages.Current.Values)
                {
                    if (blob.Name.Length < strip) continue;
                    yield return new ObjectInfo(blob.Name[strip..], blob.Properties.ContentLength ?? 0,
                        blob.Properties.ETag?.ToString("H") ?? "", blob.Properties.LastModified ?? default);
                }
            }
        }
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        var blob = Blob(name);
        return Call("Delete Blob", name, ct, async () =>
            (await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct).ConfigureAwait(false)).Value);
    }

    /// <summary>The display URI.</summary>
    public override string ToString() => DisplayUri;

    /// <summary>Creates the container if it is missing. A credential that may not create containers (a container SAS) is no error here: the write itself then says what is wrong.</summary>
    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        try { await CreateContainerIfNotExistsAsync(ct).ConfigureAwait(false); }
        catch (AzureBlobRequestException e) when (e.StatusCode == 403) { }
    }

    private static async Task<BlobProperties?> GetPropertiesOrNullAsync(BlobBaseClient blob, CancellationToken ct)
    {
        try { return (await blob.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value; }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    private static ObjectInfo Info(string name, BlobProperties p) => new(name, p.ContentLength, p.ETag.ToString("H"), p.LastModified);

    /// <summary>The SDK client of object <paramref name="name"/>.</summary>
    private BlobClient Blob(string name) => _container.GetBlobClient(BlobName(name));

    /// <summary>The blob name (prefix/name) of object <paramref name="name"/>; validates the name first.</summary>
    private string BlobName(string name)
    {
        ObjectName.Validate(name);
        if (name.EndsWith('/')) throw new ArgumentException($"Object name '{name}' ends with '/'; that names a prefix, not an object.", nameof(name));
        return _prefix.Length == 0 ? name : _prefix + "/" + name;
    }

    /// <summary>
    /// Runs one SDK operation and turns its failures into <see cref="AzureBlobRequestException"/>s that carry no secret:
    /// the SDK's own messages hold the response body and headers, so only the status, error code and request id are kept
    /// (a transport failure: the exception chain's types and messages, redacted). Missing credentials for Entra ID
    /// sign-in become one <see cref="InvalidOperationException"/> that says how to provide them.
    /// </summary>
    private async Task<T> Call<T>(string operation, string? objectName, CancellationToken ct, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status != 0)
        {
            var requestId = e.GetRawResponse()?.Headers.RequestId;
            var detail = $"HTTP {e.Status}" + (e.ErrorCode is null ? "" : $", error code {e.ErrorCode}") + (requestId is null ? "" : $", request id {requestId}");
            throw Failure(operation, objectName, e.Status, e.ErrorCode, detail);
        }
        catch (AuthenticationFailedException e)
        {
            throw new InvalidOperationException(_credentials.Redact(
                $"No credential to sign in to {DisplayUri} with Microsoft Entra ID ({FirstLine(e.Message)}). Set {AzureCredentials.ConnectionStringVariable}, " +
                "add a SAS to the URL, or sign in: managed identity, workload identity, AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or `az login`."));
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or IOException or HttpRequestException or TimeoutException
                                  && e is not ObjectNotFoundException and not ObjectConflictException and not AzureBlobRequestException)
        {
            throw Failure(operation, objectName, null, null, Describe(e));
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw Failure(operation, objectName, null, null, Describe(e)); // the SDK's per-try timeout, retries used up
        }
    }

    private AzureBlobRequestException Failure(string operation, string? objectName, int? status, string? code, string detail)
    {
        var what = objectName is null ? "" : $" of '{objectName}'";
        return new AzureBlobRequestException(_credentials.Redact($"Azure Blob {operation}{what} in {DisplayUri} failed: {detail}."), operation, status, code);
    }

    /// <summary>The exception chain's types and first message lines (e.g. "… ---> AuthenticationException: … UntrustedRoot").</summary>
    private static string Describe(Exception e)
    {
        var text = "";
        if (e is AggregateException { InnerExceptions.Count: > 0 } all)
        {
            text = $"gave up after {all.InnerExceptions.Count} tries; last failure: ";
            e = all.InnerExceptions[^1];
        }
        text += $"{e.GetType().Name}: {FirstLine(e.Message)}";
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException) text += $" ---> {inner.GetType().Name}: {FirstLine(inner.Message)}";
        return text;
    }

    private static string FirstLine(string message)
    {
        int nl = message.IndexOfAny(['\r', '\n']);
        return nl < 0 ? message : message[..nl];
    }

    /// <summary>A forward-only source counted as the SDK reads it (the size of what was written).</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Counted(await inner.ReadAsync(buffer, ct).ConfigureAwait(false));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        private int Counted(int n) { Count += n; return n; }
    }
}
