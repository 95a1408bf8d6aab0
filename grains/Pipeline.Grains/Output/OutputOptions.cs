using Pipeline.Parquet;

namespace Pipeline.Grains.Output;

/// <summary>How output tables are encoded (configuration section <c>Parquet</c>): codec, row-group size and data page version.</summary>
public sealed record OutputOptions
{
    public ParquetCodec Codec { get; init; } = ParquetCodec.Snappy;
    public int RowGroupRows { get; init; } = 1_000_000;
    public long RowsPerPart { get; init; } = 10_000_000;
    /// <summary>1 (DATA_PAGE, read by every tool) or 2 (DATA_PAGE_V2).</summary>
    public int DataPageVersion { get; init; } = 1;

    /// <summary>Writer options for one run's files, with the run's identity in the key-value metadata.</summary>
    public ParquetWriterOptions ForRun(IReadOnlyDictionary<string, string> metadata) => new()
    {
        Codec = Codec,
        RowGroupMaxRows = RowGroupRows,
        DataPageVersion = DataPageVersion,
        KeyValueMetadata = metadata,
    };
}
