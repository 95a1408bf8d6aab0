using System.Net;

namespace Pipeline.Storage.Azure;

/// <summary>
/// A read-only, seekable stream over a blob. It reads the body of one Get Blob response sequentially; when
/// the connection breaks (or one read exceeds <see cref="BlobStoreOptions.RequestTimeout"/>), or after a
/// Seek, it issues a new Get Blob with <c>x-ms-range: bytes=position-</c> and <c>If-Match</c> the ETag seen
/// first, so the bytes always come from one version of the blob (if the blob is replaced meanwhile, reading
/// fails with an <see cref="AzureBlobRequestException"/> instead of mixing versions).
/// </summary>
internal sealed class BlobReadStream : Stream
{
    private readonly BlobRestClient _client;
    private readonly string _blobPath;
    private readonly string _name;
    private readonly string _etag;
    private readonly long _length;
    private HttpResponseMessage? _response;
    private Stream? _body;
    private long _position;
    private int _failures;

    private BlobReadStream(BlobRestClient client, string blobPath, string name, BlobProperties properties, HttpResponseMessage response, Stream body)
    {
        _client = client;
        _blobPath = blobPath;
        _name = name;
        _etag = properties.ETag;
        _length = properties.Size;
        _response = response;
        _body = body;
    }

    /// <summary>Sends the first Get Blob; throws <see cref="ObjectNotFoundException"/> if the blob does not exist.</summary>
    public static async Task<BlobReadStream> OpenAsync(BlobRestClient client, string blobPath, string name, CancellationToken ct)
    {
        var request = new BlobRequest(HttpMethod.Get, blobPath);
        return await client.SendAsync(request, "Get Blob", name, async (response, _, token) =>
        {
            if (response.StatusCode == HttpStatusCode.NotFound) { response.Dispose(); throw new ObjectNotFoundException(name, client.DisplayUri); }
            if (!response.IsSuccessStatusCode) throw client.Failure(response, "Get Blob", name);
            var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            return new BlobReadStream(client, blobPath, name, BlobProperties.From(response), response, body);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The blob's ETag when the stream was opened.</summary>
    public string ETag => _etag;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0 || _position >= _length) return 0;
        while (true)
        {
            try
            {
                if (_body is null) await ReopenAsync(cancellationToken).ConfigureAwait(false);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(_client.Options.RequestTimeout);
                int n = await _body!.ReadAsync(buffer, attempt.Token).ConfigureAwait(false);
                if (n == 0) throw new IOException("The response ended before the blob did.");
                _position += n;
                _failures = 0;
                return n;
            }
            catch (Exception ex) when (RetryPolicy.IsTransient(ex, cancellationToken))
            {
                DropBody();
                if (++_failures > _client.Options.MaxRetries)
                    throw _client.Failure("Get Blob", _name, null, null, $"the download broke at byte {_position} and {_failures} attempts to resume failed", ex);
                _client.Statistics.Retry();
                await Task.Delay(RetryPolicy.Backoff(_failures - 1, _client.Options, null), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Fast path: the open response body reads synchronously; failures and re-opening go through the async path.
        if (_body is not null && buffer.Length > 0 && _position < _length)
        {
            try
            {
                int n = _body.Read(buffer);
                if (n > 0) { _position += n; _failures = 0; return n; }
            }
            catch (Exception ex) when (RetryPolicy.IsTransient(ex, CancellationToken.None)) { DropBody(); }
        }
        var rented = new byte[buffer.Length];
        int read = ReadAsync(rented.AsMemory(), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        rented.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        long target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0) throw new IOException("Cannot seek before the start of the blob.");
        if (target != _position) { DropBody(); _position = target; }
        return _position;
    }

    private async Task ReopenAsync(CancellationToken ct)
    {
        var request = new BlobRequest(HttpMethod.Get, _blobPath) { IfMatch = _etag }.WithHeader("x-ms-range", $"bytes={_position}-");
        (_response, _body) = await _client.SendAsync(request, "Get Blob", _name, async (response, _, token) =>
        {
            if (response.StatusCode == HttpStatusCode.PreconditionFailed)
                throw _client.Failure("Get Blob", _name, 412, BlobRestClient.ErrorCode(response), "the blob was replaced while it was being read (ETag changed)", null);
            if (response.StatusCode == HttpStatusCode.NotFound) throw new ObjectNotFoundException(_name, _client.DisplayUri);
            if (!response.IsSuccessStatusCode) throw _client.Failure(response, "Get Blob", _name);
            return (response, await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false));
        }, ct).ConfigureAwait(false);
    }

    private void DropBody()
    {
        _body?.Dispose();
        _response?.Dispose();
        _body = null;
        _response = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) DropBody();
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
