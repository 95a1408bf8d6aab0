using System.IO.Compression;

namespace Pipeline.Parquet.Compression;

/// <summary>Compresses page bodies with the chunk's codec; the thrift CompressionCodec id is <see cref="ThriftCodec"/>.</summary>
internal static class PageCompressor
{
    public static int ThriftCodec(ParquetCodec codec) => codec switch
    {
        ParquetCodec.Uncompressed => 0,
        ParquetCodec.Snappy => 1,
        ParquetCodec.Gzip => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(codec)),
    };

    public static ReadOnlyMemory<byte> Compress(ParquetCodec codec, ReadOnlyMemory<byte> page)
    {
        switch (codec)
        {
            case ParquetCodec.Uncompressed: return page;
            case ParquetCodec.Snappy: return IronSnappy.Snappy.Encode(page.Span);
            case ParquetCodec.Gzip:
                var ms = new MemoryStream();
                using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(page.Span);
                return ms.ToArray();
            default: throw new ArgumentOutOfRangeException(nameof(codec));
        }
    }
}
