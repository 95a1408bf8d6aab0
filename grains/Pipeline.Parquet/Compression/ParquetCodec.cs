namespace Pipeline.Parquet;

/// <summary>Compression codec of the pages of every column chunk (parquet.thrift CompressionCodec).</summary>
public enum ParquetCodec
{
    /// <summary>No compression.</summary>
    Uncompressed,
    /// <summary>Snappy (raw block format), by our allocation-free <c>SnappyBlock</c> codec (cross-checked against IronSnappy 1.3.0 in the tests).</summary>
    Snappy,
    /// <summary>GZIP (RFC 1952), via System.IO.Compression.</summary>
    Gzip,
    /// <summary>Zstandard, via the native libzstd.so.1.</summary>
    Zstd,
}
