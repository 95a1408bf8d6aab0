using Parquet;

namespace Pipeline.Grains.Output;

/// <summary>How output tables are encoded (configuration section <c>Parquet</c>): codec and row-group size.</summary>
public sealed record OutputOptions
{
    public CompressionMethod Codec { get; init; } = CompressionMethod.Snappy;
    public int RowGroupRows { get; init; } = 1_000_000;
    public long RowsPerPart { get; init; } = 10_000_000;

    /// <summary>Writer options for one run's files, with the run's identity in the key-value metadata.</summary>
    public PartFormat ForRun(IReadOnlyDictionary<string, string> metadata) => new(Codec, RowGroupRows, metadata);
}
