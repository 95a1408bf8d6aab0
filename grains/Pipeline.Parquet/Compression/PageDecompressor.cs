using System.IO.Compression;
using Pipeline.Parquet.Metadata;

namespace Pipeline.Parquet.Compression;

/// <summary>
/// Decompresses a page body into exactly the size its header states; any mismatch or corrupt stream is an
/// <see cref="InvalidDataException"/> (the reader turns it into a <see cref="ParquetFormatException"/>).
/// </summary>
internal static class PageDecompressor
{
    public static void Decompress(ThriftCodec codec, ReadOnlySpan<byte> src, Span<byte> dst)
    {
        switch (codec)
        {
            case ThriftCodec.Uncompressed:
                if (src.Length != dst.Length) throw new InvalidDataException($"uncompressed page of {src.Length} bytes, header says {dst.Length}");
                src.CopyTo(dst);
                return;
            case ThriftCodec.Snappy:
                SnappyBlock.Decode(src, dst);
                return;
            case ThriftCodec.Gzip:
                unsafe
                {
                    fixed (byte* p = src)
                    {
                        using var input = new UnmanagedMemoryStream(p, src.Length);
                        using var gz = new GZipStream(input, CompressionMode.Decompress);
                        int got = 0;
                        while (got < dst.Length)
                        {
                            int n = gz.Read(dst[got..]);
                            if (n == 0) throw new InvalidDataException($"gzip stream holds {got} bytes, header says {dst.Length}");
                            got += n;
                        }
                    }
                }
                return;
            case ThriftCodec.Zstd:
                ZstdNative.Decompress(src, dst);
                return;
            default:
                throw new NotSupportedException($"compression codec {codec} is not supported (only UNCOMPRESSED, SNAPPY, GZIP, ZSTD)");
        }
    }
}
