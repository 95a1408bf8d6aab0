using System.Buffers;

namespace Pipeline.Grains.ParquetFiles;

/// <summary>
/// A whole Parquet file held in one pooled buffer. Parquet.Net seeks to every page and reads page headers a byte at a
/// time, which costs a system call or a ranged request per seek on a file or blob stream and nothing on memory; and
/// since each <see cref="OpenStream"/> is a stream of its own over the same bytes, several readers (one per thread) can
/// decode the file's column chunks at once (<see cref="ParquetColumns"/>). For files that fit an array (under 2 GiB);
/// dispose to give the buffer back.
/// </summary>
public sealed class ParquetBytes : IDisposable
{
    private byte[]? _buffer;

    private ParquetBytes(byte[] buffer, int length) { _buffer = buffer; Length = length; }

    public int Length { get; }

    /// <summary>Reads <paramref name="length"/> bytes (the object's listed size) from <paramref name="source"/>; a shorter object is an <see cref="EndOfStreamException"/>.</summary>
    public static async Task<ParquetBytes> ReadAsync(Stream source, long length, CancellationToken ct = default)
    {
        if (length is < 0 or > int.MaxValue - 64) throw new InvalidDataException($"a {length:N0}-byte Parquet file does not fit in memory as one array");
        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            await source.ReadExactlyAsync(buffer.AsMemory(0, (int)length), ct).ConfigureAwait(false);
            return new ParquetBytes(buffer, (int)length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>A new read-only, seekable stream over the bytes (one per reader; not thread-safe itself).</summary>
    public Stream OpenStream() => new MemoryStream(_buffer ?? throw new ObjectDisposedException(nameof(ParquetBytes)), 0, Length, writable: false, publiclyVisible: true);

    public void Dispose()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }
}
