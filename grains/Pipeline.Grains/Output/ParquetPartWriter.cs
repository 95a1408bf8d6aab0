using Parquet;

namespace Pipeline.Grains.Output;

/// <summary>
/// Writes one file of an output table with Parquet.Net as its documentation does: a <see cref="ParquetWriter"/> over
/// the table's schema, the run's key-value metadata, then one <see cref="ParquetRowGroupWriter"/> per
/// <see cref="PartFormat.RowGroupRows"/> rows with every column written in schema order, the rows gathered into pooled
/// column buffers first (<see cref="RowGroupColumns{TRow}"/>). Parquet.Net computes the min/max/null-count statistics of each chunk and dictionary-encodes the columns that
/// ask for it.
/// </summary>
public static class ParquetPartWriter
{
    public static async Task WriteAsync<TRow>(Stream output, OutputTable<TRow> table, PartFormat format, IReadOnlyList<TRow> rows,
        ReadOnlyMemory<int> positions, CancellationToken ct = default)
    {
        var options = format.ParquetOptions(table.FileColumns.Where(c => c.Dictionary).Select(c => c.Name));
        await using var writer = await ParquetWriter.CreateAsync(table.FileSchema, output, options, append: false, ct).ConfigureAwait(false);
        writer.CustomMetadata = format.Metadata;
        using var columns = new RowGroupColumns<TRow>(table.FileColumns, Math.Min(format.RowGroupRows, positions.Length), format.GatherBytes);
        for (int start = 0; start < positions.Length; start += format.RowGroupRows)
        {
            var group = positions.Slice(start, Math.Min(format.RowGroupRows, positions.Length - start));
            using var rowGroup = writer.CreateRowGroup();
            await columns.WriteAsync(rowGroup, rows, group, ct).ConfigureAwait(false);
            rowGroup.CompleteValidate();
        }
    }
}
