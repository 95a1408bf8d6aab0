using System.IO.Compression;
using Pipeline.Parquet.Encodings;
using Pipeline.Parquet.Metadata;

namespace Pipeline.Parquet.Compression;

/// <summary>Compresses a page body with the writer's codec into a reusable buffer.</summary>
internal static class PageCompressor
{
    public static ThriftCodec ToThrift(ParquetCodec codec) => codec switch
    {
        ParquetCodec.Uncompressed => ThriftCodec.Uncompressed,
        ParquetCodec.Snappy => ThriftCodec.Snappy,
        ParquetCodec.Gzip => ThriftCodec.Gzip,
        ParquetCodec.Zstd => ThriftCodec.Zstd,
        _ => throw new ArgumentOutOfRangeException(nameof(codec)),
    };

    /// <summary>Returns the compressed page: <paramref name="page"/> itself when uncompressed, else the bytes written to <paramref name="scratch"/>.</summary>
    public static ReadOnlySpan<byte> Compress(ParquetCodec codec, ReadOnlySpan<byte> page, PooledBuffer scratch)
    {
        scratch.Clear();
        switch (codec)
        {
            case ParquetCodec.Uncompressed: return page;
            case ParquetCodec.Snappy:
                int n = SnappyBlock.Encode(page, scratch.GetSpan(SnappyBlock.MaxEncodedLength(page.Length)));
                scratch.Advance(n);
                return scratch.WrittenSpan;
            case ParquetCodec.Gzip:
                using (var stream = new BufferStream(scratch))
                using (var gz = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(page);
                return scratch.WrittenSpan;
            case ParquetCodec.Zstd:
                int z = ZstdNative.Compress(page, scratch.GetSpan(ZstdNative.CompressBound(page.Length)));
                scratch.Advance(z);
                return scratch.WrittenSpan;
            default: throw new ArgumentOutOfRangeException(nameof(codec));
        }
    }

    /// <summary>A write-only stream appending to a <see cref="PooledBuffer"/> (the sink of GZipStream).</summary>
    private sealed class BufferStream(PooledBuffer buffer) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => buffer.Length;
        public override long Position { get => buffer.Length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] b, int o, int c) => throw new NotSupportedException();
        public override long Seek(long o, SeekOrigin s) => throw new NotSupportedException();
        public override void SetLength(long v) => throw new NotSupportedException();
        public override void Write(byte[] b, int o, int c) => buffer.Write(b.AsSpan(o, c));
        public override void Write(ReadOnlySpan<byte> b) => buffer.Write(b);
    }
}
