using System.Buffers;

namespace Pipeline.Parquet.Encodings;

/// <summary>A growable byte buffer on <see cref="ArrayPool{T}"/> memory, reused page after page (no per-value allocation).</summary>
internal sealed class PooledBuffer(int initialCapacity = 4096) : IBufferWriter<byte>, IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public int Length { get; private set; }
    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, Length);
    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, Length);
    /// <summary>The backing array (valid up to <see cref="Length"/>), for in-place patches such as length prefixes.</summary>
    public byte[] Array => _array;

    public void Clear() => Length = 0;

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0) { Ensure(sizeHint); return _array.AsMemory(Length); }

    public Span<byte> GetSpan(int sizeHint = 0) { Ensure(sizeHint); return _array.AsSpan(Length); }

    public void Write(ReadOnlySpan<byte> bytes) { bytes.CopyTo(GetSpan(bytes.Length)); Length += bytes.Length; }

    public void WriteByte(byte b) { Ensure(1); _array[Length++] = b; }

    private void Ensure(int sizeHint)
    {
        int need = Length + Math.Max(sizeHint, 1);
        if (need <= _array.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(need, checked(_array.Length * 2)));
        _array.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }

    public void Dispose()
    {
        if (_array.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        Length = 0;
    }
}
