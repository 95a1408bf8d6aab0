using System.IO.Compression;
using Parquet;

namespace Pipeline.Grains.Output;

/// <summary>
/// How each output file is written: codec, rows per row group, the footer's key-value metadata (run id, schema and
/// code version). <see cref="ParquetOptions"/> turns it into Parquet.Net's options for a table's columns.
/// </summary>
public sealed record PartFormat(CompressionMethod Codec, int RowGroupRows, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>
    /// Column buffer bytes a file's writer gathers at once (<see cref="RowGroupColumns{TRow}"/>): a row group's columns
    /// are gathered in batches of about this size, one pass over the rows each. Changes memory and speed, never the bytes written:
    /// 16 MiB keeps the national run's peak under 8 GiB; 64 MiB wrote ~25 % faster but peaked ~0.1–0.2 GiB higher (docs/performance.md).
    /// </summary>
    public long GatherBytes { get; init; } = 16L << 20;

    /// <summary>Parquet.Net's options: the codec at its balanced level (6.1.0 defaults to the slowest, e.g. zstd level 19) and dictionary encoding on the given columns.</summary>
    public ParquetOptions ParquetOptions(IEnumerable<string> dictionaryColumns)
    {
        var options = new ParquetOptions { CompressionMethod = Codec, CompressionLevel = CompressionLevel.Optimal };
        foreach (var column in dictionaryColumns) options.ColumnEncodingHints[column] = EncodingHint.Dictionary;
        return options;
    }
}
