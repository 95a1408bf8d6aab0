using System.Net;
using System.Runtime.CompilerServices;

namespace Pipeline.Storage.Azure;

/// <summary>
/// An <see cref="IObjectStore"/> over an Azure Blob Storage container and optional prefix, speaking the
/// Blob REST API (x-ms-version <see cref="BlobRequest.ApiVersion"/>) over <see cref="HttpClient"/>: block
/// blobs written with Put Blob or Put Block + Put Block List (<see cref="BlockBlobWriter"/>), read with
/// Get Blob (ranged, resumable: <see cref="BlobReadStream"/>), listed with List Blobs (paged by NextMarker),
/// inspected with Get Blob Properties and removed with Delete Blob. Authorization by Shared Key or SAS
/// (<see cref="AzureCredentials"/>); retries, timeouts and upload sizes from <see cref="BlobStoreOptions"/>.
/// Object name <c>n</c> is blob <c>prefix/n</c> in the container. Usually opened through
/// <see cref="ObjectStores.Open(string, BlobStoreOptions?)"/>.
/// </summary>
public sealed class AzureBlobStore : IObjectStore
{
    private readonly BlobRestClient _client;
    private readonly BlockBlobWriter _writer;
    private readonly string _prefix;

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
        var credentials = options.Credentials ?? AzureCredentials.FromEnvironment()
            ?? throw new InvalidOperationException($"No Azure credentials: set {AzureCredentials.ConnectionStringVariable} or pass BlobStoreOptions.Credentials.");
        prefix = (prefix ?? "").Trim('/');
        Container = BlobLocation.ValidateContainer(container, "az://" + container);
        if (prefix.Length > 0) ObjectName.Validate(prefix);
        _prefix = prefix;
        DisplayUri = displayUri ?? "az://" + container + (prefix.Length > 0 ? "/" + prefix : "");
        Statistics = new BlobStoreStatistics();
        _client = new BlobRestClient(credentials, options with { Credentials = credentials }, Statistics, DisplayUri);
        _writer = new BlockBlobWriter(_client, CreateContainerIfNotExistsAsync, HeadAsync);
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
    public BlobStoreOptions Options => _client.Options;

    /// <summary>Creates the container (Create Container); false if it existed already.</summary>
    public async Task<bool> CreateContainerIfNotExistsAsync(CancellationToken ct = default)
    {
        var request = new BlobRequest(HttpMethod.Put, "/" + Container).WithQuery("restype", "container");
        bool created = await _client.SendAsync(request, "Create Container", null, (response, attempt, _) =>
        {
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Created) return Task.FromResult(true);
                if (response.StatusCode == HttpStatusCode.Conflict && BlobRestClient.ErrorCode(response) is "ContainerAlreadyExists" or null)
                    return Task.FromResult(false);
                throw _client.Failure(response, "Create Container", null);
            }
        }, ct).ConfigureAwait(false);
        if (created) Statistics.ContainerCreated();
        return created;
    }

    /// <summary>Deletes the whole container and every blob in it (Delete Container); false if it did not exist.</summary>
    public Task<bool> DeleteContainerAsync(CancellationToken ct = default)
    {
        var request = new BlobRequest(HttpMethod.Delete, "/" + Container).WithQuery("restype", "container");
        return _client.SendAsync(request, "Delete Container", null, (response, attempt, _) =>
        {
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Accepted) return Task.FromResult(true);
                if (response.StatusCode == HttpStatusCode.NotFound) return Task.FromResult(attempt > 0);
                throw _client.Failure(response, "Delete Container", null);
            }
        }, ct);
    }

    /// <inheritdoc/>
    public async Task<Stream> OpenReadAsync(string name, CancellationToken ct = default) =>
        await BlobReadStream.OpenAsync(_client, BlobPath(name), name, ct).ConfigureAwait(false);

    /// <inheritdoc/>
    public Task<byte[]> ReadRangeAsync(string name, long offset, int length, CancellationToken ct = default)
    {
        var path = BlobPath(name);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length <= 0) return Task.FromResult(Array.Empty<byte>());
        var request = new BlobRequest(HttpMethod.Get, path).WithHeader("x-ms-range", $"bytes={offset}-{offset + length - 1}");
        return _client.SendAsync(request, "Get Blob", name, async (response, _, token) =>
        {
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) return [];
                if (response.StatusCode == HttpStatusCode.NotFound) throw new ObjectNotFoundException(name, DisplayUri);
                if (!response.IsSuccessStatusCode) throw _client.Failure(response, "Get Blob", name);
                long declared = response.Content.Headers.ContentLength ?? -1;
                if (declared > length) throw _client.Failure("Get Blob", name, (int)response.StatusCode, null, $"the service returned {declared} bytes for a {length}-byte range", null);
                var result = new byte[declared >= 0 ? declared : length];
                await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                int got = await body.ReadAtLeastAsync(result, result.Length, throwOnEndOfStream: false, token).ConfigureAwait(false);
                if (declared >= 0 && got < declared) throw new IOException("The range response ended early.");
                return got == result.Length ? result : result[..got];
            }
        }, ct);
    }

    /// <inheritdoc/>
    public async Task<ObjectInfo?> GetInfoAsync(string name, CancellationToken ct = default) =>
        (await HeadAsync(BlobPath(name), ct).ConfigureAwait(false))?.ToObjectInfo(name);

    /// <inheritdoc/>
    /// <remarks>
    /// Conditional commits that were applied although their response was lost are recognized by the write id
    /// stored as metadata and reported as success (see <see cref="BlockBlobWriter"/>). A seekable
    /// <paramref name="content"/> lets an upload recover from staged blocks the service lost.
    /// </remarks>
    public async Task<ObjectInfo> WriteAsync(string name, Stream content, WriteCondition? condition = null, CancellationToken ct = default)
    {
        var path = BlobPath(name);
        ArgumentNullException.ThrowIfNull(content);
        return await _writer.WriteAsync(name, path, content, condition, ct).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Pages through List Blobs with <see cref="BlobStoreOptions.ListPageSize"/> and NextMarker; a missing container lists nothing.
    /// The service returns names in UTF-8 byte order, which equals ordinal order for all but supplementary-plane characters.</remarks>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (prefix.Length > 0) ObjectName.Validate(prefix);
        var fullPrefix = _prefix.Length == 0 ? prefix : _prefix + "/" + prefix;
        int strip = _prefix.Length == 0 ? 0 : _prefix.Length + 1;
        string? marker = null;
        var page = new List<BlobXml.ListedBlob>(Math.Min(_client.Options.ListPageSize, 5000));
        do
        {
            page.Clear();
            var request = new BlobRequest(HttpMethod.Get, "/" + Container).WithQuery("restype", "container").WithQuery("comp", "list")
                .WithQuery("maxresults", _client.Options.ListPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (fullPrefix.Length > 0) request.WithQuery("prefix", fullPrefix);
            if (!string.IsNullOrEmpty(marker)) request.WithQuery("marker", marker);
            marker = await _client.SendAsync(request, "List Blobs", fullPrefix, async (response, _, token) =>
            {
                using (response)
                {
                    if (BlobRestClient.IsContainerNotFound(response)) return null;
                    if (!response.IsSuccessStatusCode) throw _client.Failure(response, "List Blobs", fullPrefix);
                    var buffered = new MemoryStream();
                    await using (var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false))
                        await body.CopyToAsync(buffered, token).ConfigureAwait(false);
                    buffered.Position = 0;
                    page.Clear(); // a retried attempt starts the page afresh
                    return BlobXml.ReadListPage(buffered, page);
                }
            }, ct).ConfigureAwait(false);
            foreach (var blob in page)
            {
                if (blob.Name.Length < strip) continue;
                yield return new ObjectInfo(blob.Name[strip..], blob.Size, blob.ETag, blob.LastModified);
            }
        } while (!string.IsNullOrEmpty(marker));
    }

    /// <inheritdoc/>
    /// <remarks>If an earlier attempt failed without an answer and the retry finds the blob gone, that attempt deleted it: true.</remarks>
    public Task<bool> DeleteAsync(string name, CancellationToken ct = default)
    {
        var request = new BlobRequest(HttpMethod.Delete, BlobPath(name)).WithHeader("x-ms-delete-snapshots", "include");
        return _client.SendAsync(request, "Delete Blob", name, (response, attempt, _) =>
        {
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Accepted) return Task.FromResult(true);
                if (response.StatusCode == HttpStatusCode.NotFound) return Task.FromResult(attempt > 0);
                throw _client.Failure(response, "Delete Blob", name);
            }
        }, ct);
    }

    /// <summary>The display URI.</summary>
    public override string ToString() => DisplayUri;

    /// <summary>Get Blob Properties of an escaped blob path; null if the blob (or container) does not exist.</summary>
    private Task<BlobProperties?> HeadAsync(string blobPath, CancellationToken ct)
    {
        var request = new BlobRequest(HttpMethod.Head, blobPath);
        return _client.SendAsync(request, "Get Blob Properties", Uri.UnescapeDataString(blobPath), (response, _, _) =>
        {
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.NotFound) return Task.FromResult<BlobProperties?>(null);
                if (!response.IsSuccessStatusCode) throw _client.Failure(response, "Get Blob Properties", Uri.UnescapeDataString(blobPath));
                return Task.FromResult<BlobProperties?>(BlobProperties.From(response));
            }
        }, ct);
    }

    /// <summary>The escaped request path of object <paramref name="name"/>: /container/prefix/name.</summary>
    private string BlobPath(string name)
    {
        ObjectName.Validate(name);
        if (name.EndsWith('/')) throw new ArgumentException($"Object name '{name}' ends with '/'; that names a prefix, not an object.", nameof(name));
        var full = _prefix.Length == 0 ? name : _prefix + "/" + name;
        return "/" + Container + "/" + BlobLocation.EscapePath(full);
    }
}
