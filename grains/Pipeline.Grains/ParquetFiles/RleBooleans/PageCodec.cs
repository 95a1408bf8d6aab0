using System.IO.Compression;
using K4os.Compression.LZ4;
using Snappier;
using CompressionCodec = Parquet.Meta.CompressionCodec;

namespace Pipeline.Grains.ParquetFiles.RleBooleans;

/// <summary>
/// Decompresses one page (or the values section of a v2 page) with the codec its column chunk names, through the same
/// libraries Parquet.Net uses (Snappier, ZstdSharp, K4os LZ4, System.IO.Compression) — Parquet.Net's own decompressor is internal.
/// </summary>
internal static class PageCodec
{
    /// <summary>Decompresses <paramref name="source"/> into exactly <paramref name="target"/>; a size mismatch means a damaged page.</summary>
    public static void Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, Span<byte> target)
    {
        int written = codec switch
        {
            CompressionCodec.UNCOMPRESSED => source.TryCopyTo(target) ? source.Length : -1,
            CompressionCodec.SNAPPY => Snappy.Decompress(source, target),
            CompressionCodec.ZSTD => new ZstdSharp.Decompressor().Unwrap(source, target),
            CompressionCodec.LZ4_RAW => LZ4Codec.Decode(source, target),
            CompressionCodec.GZIP => Inflate(source, target, s => new GZipStream(s, CompressionMode.Decompress)),
            CompressionCodec.BROTLI => Inflate(source, target, s => new BrotliStream(s, CompressionMode.Decompress)),
            _ => throw new InvalidDataException($"compression codec {codec} is not supported for RLE-encoded booleans"),
        };
        if (written != target.Length) throw new InvalidDataException($"a {codec} page decompressed to {written} bytes, its header says {target.Length}");
    }

    private static unsafe int Inflate(ReadOnlySpan<byte> source, Span<byte> target, Func<Stream, Stream> open)
    {
        fixed (byte* p = source)
        {
            using var input = new UnmanagedMemoryStream(p, source.Length);
            using var inflate = open(input);
            int total = 0, n;
            while (total < target.Length && (n = inflate.Read(target[total..])) > 0) total += n;
            return total;
        }
    }
}
