using System.Runtime.InteropServices;

namespace Pipeline.Parquet.Compression;

/// <summary>
/// Zstandard through P/Invoke to the system's <c>libzstd.so.1</c> (ZSTD_compress / ZSTD_decompress). If the library
/// is absent, <see cref="Compress"/> and <see cref="Decompress"/> throw <see cref="NotSupportedException"/> saying so.
/// </summary>
internal static unsafe class ZstdNative
{
    private const string Library = "libzstd.so.1";
    private static readonly Lazy<bool> Available = new(() => NativeLibrary.TryLoad(Library, typeof(ZstdNative).Assembly, null, out _));

    [DllImport(Library)] private static extern nuint ZSTD_compressBound(nuint srcSize);
    [DllImport(Library)] private static extern nuint ZSTD_compress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int level);
    [DllImport(Library)] private static extern nuint ZSTD_decompress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize);
    [DllImport(Library)] private static extern uint ZSTD_isError(nuint code);
    [DllImport(Library)] private static extern sbyte* ZSTD_getErrorName(nuint code);

    private static void EnsureAvailable()
    {
        if (!Available.Value)
            throw new NotSupportedException($"ZSTD compression needs the native library {Library} (Debian/Ubuntu package libzstd1), which could not be loaded.");
    }

    public static int CompressBound(int size) { EnsureAvailable(); return checked((int)ZSTD_compressBound((nuint)size)); }

    /// <summary>Compresses <paramref name="src"/> into <paramref name="dst"/> (at least <see cref="CompressBound"/> bytes); returns the length.</summary>
    public static int Compress(ReadOnlySpan<byte> src, Span<byte> dst, int level = 3)
    {
        EnsureAvailable();
        fixed (byte* s = src) fixed (byte* d = dst)
        {
            nuint n = ZSTD_compress(d, (nuint)dst.Length, s, (nuint)src.Length, level);
            if (ZSTD_isError(n) != 0) throw new InvalidOperationException("ZSTD_compress failed: " + new string(ZSTD_getErrorName(n)));
            return (int)n;
        }
    }

    /// <summary>Decompresses into exactly <c>dst.Length</c> bytes; <see cref="InvalidDataException"/> if the frame is corrupt or of another size.</summary>
    public static void Decompress(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        EnsureAvailable();
        fixed (byte* s = src) fixed (byte* d = dst)
        {
            nuint n = ZSTD_decompress(d, (nuint)dst.Length, s, (nuint)src.Length);
            if (ZSTD_isError(n) != 0) throw new InvalidDataException("ZSTD frame is corrupt: " + new string(ZSTD_getErrorName(n)));
            if (n != (nuint)dst.Length) throw new InvalidDataException($"ZSTD frame holds {n} bytes, the page header says {dst.Length}");
        }
    }
}
