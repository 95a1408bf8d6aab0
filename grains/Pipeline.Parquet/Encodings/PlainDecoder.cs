using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Pipeline.Parquet.Encodings;

/// <summary>PLAIN decoding: little-endian fixed-width numbers, bit-packed booleans, length-prefixed byte arrays.</summary>
internal static class PlainDecoder
{
    /// <summary>Copies <c>dst.Length</c> fixed-width values; returns the bytes consumed.</summary>
    public static int Fixed<T>(ReadOnlySpan<byte> src, Span<T> dst) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(dst);
        if (bytes.Length > src.Length) throw new InvalidDataException($"PLAIN values need {bytes.Length} bytes, the page has {src.Length}");
        src[..bytes.Length].CopyTo(bytes);
        return bytes.Length;
    }

    public static int Booleans(ReadOnlySpan<byte> src, Span<bool> dst)
    {
        int bytes = (dst.Length + 7) / 8;
        if (bytes > src.Length) throw new InvalidDataException("PLAIN booleans run past the end of the page");
        for (int i = 0; i < dst.Length; i++) dst[i] = (src[i >> 3] & (1 << (i & 7))) != 0;
        return bytes;
    }

    public static int Strings(ReadOnlySpan<byte> src, Span<string> dst)
    {
        int pos = 0;
        for (int i = 0; i < dst.Length; i++)
        {
            if (src.Length - pos < 4) throw new InvalidDataException("PLAIN byte array length runs past the end of the page");
            int n = BinaryPrimitives.ReadInt32LittleEndian(src[pos..]);
            pos += 4;
            if (n < 0 || n > src.Length - pos) throw new InvalidDataException($"PLAIN byte array of {n} bytes runs past the end of the page");
            dst[i] = n == 0 ? "" : Encoding.UTF8.GetString(src.Slice(pos, n));
            pos += n;
        }
        return pos;
    }
}
