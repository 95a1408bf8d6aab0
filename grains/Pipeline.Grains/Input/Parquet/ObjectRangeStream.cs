using Pipeline.Storage;

namespace Pipeline.Grains.Input.Parquet;

/// <summary>
/// A read-only, seekable view of one object of an <see cref="IObjectStore"/> (a local file or a blob), read with
/// ranged reads (<see cref="IObjectStore.ReadRangeAsync"/>) so a Parquet reader can jump to the footer and to each
/// column chunk without downloading the whole object. Small reads are served from one cached block of
/// <see cref="BlockSize"/> bytes; reads of a block or more go straight to the store. Memory is bounded by the block
/// plus the caller's buffer. If the object turns out shorter than its listed size, reads end early (the reader then
/// reports a truncated file).
/// </summary>
public sealed class ObjectRangeStream(IObjectStore store, string name, long length, CancellationToken ct = default) : Stream
{
    /// <summary>Size of the cached block (the footer and page headers are read through it).</summary>
    public const int BlockSize = 1 << 20;

    private byte[] _block = [];
    private long _blockStart = -1;
    private long _position;

    /// <summary>Bytes fetched from the store so far (for tests and diagnostics).</summary>
    public long BytesFetched { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set { ArgumentOutOfRangeException.ThrowIfNegative(value); _position = value; }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Parquet.Net reads asynchronously; the ranged reads are served as the synchronous ones are (the cursor that drives the reader is synchronous).</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= length || buffer.IsEmpty) return 0;
        int want = (int)Math.Min(buffer.Length, length - _position);
        if (want >= BlockSize)
        {
            var direct = Fetch(_position, want);
            direct.CopyTo(buffer);
            _position += direct.Length;
            return direct.Length;
        }
        if (_blockStart < 0 || _position < _blockStart || _position >= _blockStart + _block.Length)
        {
            _blockStart = _position;
            _block = Fetch(_position, (int)Math.Min(BlockSize, length - _position));
            if (_block.Length == 0) return 0;
        }
        int inBlock = (int)(_position - _blockStart);
        int n = Math.Min(want, _block.Length - inBlock);
        _block.AsSpan(inBlock, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    private byte[] Fetch(long offset, int count)
    {
        var bytes = store.ReadRangeAsync(name, offset, count, ct).GetAwaiter().GetResult();
        BytesFetched += bytes.Length;
        return bytes;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        return _position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
