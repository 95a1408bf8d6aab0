using Parquet;
using Parquet.Schema;

namespace Pipeline.Grains.Output;

/// <summary>
/// One column of a row group being written: its values gathered out of the rows into a pooled array (slot i holds the
/// value of the i-th row of the row group), then handed to Parquet.Net as one column chunk. <see cref="RowGroupColumns{TRow}"/>
/// creates one per column of a batch of a row group and disposes it once written, which gives its arrays back to the
/// shared pool for the next batch.
/// </summary>
public abstract class ColumnBuffer<TRow> : IDisposable
{
    /// <summary>Stores the values of <c>rows[positions[i]]</c> in slots <c>at + i</c>.</summary>
    public abstract void Gather(TRow[] rows, ReadOnlySpan<int> positions, int at);

    /// <summary>
    /// Writes slots <c>0..count</c> as <paramref name="field"/>'s chunk of <paramref name="rowGroup"/>.
    /// <paramref name="levels"/> is scratch for definition levels (at least <paramref name="count"/> long, shared by
    /// the columns of a file); the buffer's contents are undefined afterwards.
    /// </summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, int count, int[] levels, CancellationToken ct);

    public abstract void Dispose();
}
