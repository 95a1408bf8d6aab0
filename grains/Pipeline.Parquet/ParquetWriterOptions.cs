namespace Pipeline.Parquet;

/// <summary>Compression codec of column chunks (parquet.thrift CompressionCodec).</summary>
public enum ParquetCodec { Uncompressed, Snappy, Gzip }

/// <summary>Options of <see cref="ParquetFileWriter"/>.</summary>
public sealed class ParquetWriterOptions
{
    public ParquetCodec Codec { get; init; } = ParquetCodec.Snappy;
    /// <summary>A row group is written when it holds this many rows …</summary>
    public int RowGroupMaxRows { get; init; } = 1_000_000;
    /// <summary>… or this many bytes of encoded values, whichever comes first (bounds memory).</summary>
    public long RowGroupMaxBytes { get; init; } = 128L << 20;
    /// <summary>Min/max/null-count statistics per column chunk, so engines can skip row groups.</summary>
    public bool WriteStatistics { get; init; } = true;
    public IReadOnlyDictionary<string, string>? KeyValueMetadata { get; init; }
    public string CreatedBy { get; init; } = "pipeline-parquet version 0.1.0";
}
