namespace Pipeline.Parquet.Encodings;

/// <summary>BYTE_STREAM_SPLIT decoding: byte j of value i is at <c>src[j·count + i]</c>.</summary>
internal static class ByteStreamSplitDecoder
{
    public static void Decode<T>(ReadOnlySpan<byte> src, Span<T> dst) where T : unmanaged
    {
        int width = System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), n = dst.Length;
        if ((long)width * n > src.Length) throw new InvalidDataException("BYTE_STREAM_SPLIT values run past the end of the page");
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(dst);
        for (int j = 0; j < width; j++)
        {
            var stream = src.Slice(j * n, n);
            for (int i = 0; i < n; i++) bytes[i * width + j] = stream[i];
        }
    }
}
