namespace Pipeline.Parquet;

/// <summary>Compression codec of the pages of every column chunk (parquet.thrift CompressionCodec).</summary>
public enum ParquetCodec
{
    /// <summary>No compression.</summary>
    Uncompressed,
    /// <summary>Snappy (raw block format), via IronSnappy.</summary>
    Snappy,
    /// <summary>GZIP (RFC 1952), via System.IO.Compression.</summary>
    Gzip,
    /// <summary>Zstandard, via the native libzstd.so.1.</summary>
    Zstd,
}
