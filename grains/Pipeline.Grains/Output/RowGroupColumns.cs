using System.Buffers;
using Parquet;

namespace Pipeline.Grains.Output;

/// <summary>
/// Writes the rows of one row group column by column through <see cref="ColumnBuffer{TRow}"/>s (one file's writer;
/// pooled buffers, sized for the file's largest row group). The rows are gathered block by block, every column of a
/// batch taking its value out of a block before the next block: a block's rows stay in cache for all those columns,
/// instead of every column walking all of the row group's rows again (the rows of one Hive partition are scattered
/// across the table's rows, so a column-by-column walk misses the cache on nearly every value). The columns are
/// gathered in batches of at most <paramref name="batchBytes"/> of buffers, in schema order (with the default 16 MiB,
/// a 1 M-row group of firm_metrics takes about ten), so a writer never holds more than one batch.
/// </summary>
internal sealed class RowGroupColumns<TRow>(IReadOnlyList<OutputColumn<TRow>> columns, int capacity, long batchBytes) : IDisposable
{
    /// <summary>Rows per block: a block of wide rows (FirmMetricsRow: 160 bytes) fits the L2 cache.</summary>
    private const int BlockRows = 1024;

    private static readonly int[] Identity = [.. Enumerable.Range(0, BlockRows)];

    private readonly ColumnBuffer<TRow>?[] _buffers = new ColumnBuffer<TRow>?[columns.Count];
    private int[] _levels = ArrayPool<int>.Shared.Rent(Math.Max(capacity, 1));
    private TRow[]? _copies;                                     // a block of rows copied out of a row list that is not an array

    /// <summary>Writes the rows at <paramref name="positions"/> (at most the capacity) as the column chunks of <paramref name="rowGroup"/>, in schema order.</summary>
    public async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, ReadOnlyMemory<int> positions, CancellationToken ct)
    {
        for (int first = 0, end; first < columns.Count; first = end)
        {
            end = BatchEnd(first, positions.Length);
            try
            {
                for (int c = first; c < end; c++) _buffers[c] = columns[c].CreateBuffer(capacity);
                Gather(rows, positions.Span, first, end);
                for (int c = first; c < end; c++)
                    await _buffers[c]!.WriteAsync(rowGroup, columns[c].Field, positions.Length, _levels, ct).ConfigureAwait(false);
            }
            finally { Release(first, end); }
        }
    }

    /// <summary>The end of the batch of columns from <paramref name="first"/>: at least one column, more while their buffers fit <c>batchBytes</c>.</summary>
    private int BatchEnd(int first, int rows)
    {
        long bytes = (long)columns[first].BytesPerRow * rows;
        int end = first + 1;
        while (end < columns.Count && bytes + (long)columns[end].BytesPerRow * rows <= batchBytes) bytes += (long)columns[end++].BytesPerRow * rows;
        return end;
    }

    private void Gather(IReadOnlyList<TRow> rows, ReadOnlySpan<int> positions, int first, int end)
    {
        var array = rows as TRow[];
        for (int start = 0; start < positions.Length; start += BlockRows)
        {
            var block = positions.Slice(start, Math.Min(BlockRows, positions.Length - start));
            var source = array;
            if (source is null)
            {
                source = _copies ??= new TRow[BlockRows];
                for (int i = 0; i < block.Length; i++) source[i] = rows[block[i]];
                block = Identity.AsSpan(0, block.Length);
            }
            for (int c = first; c < end; c++) _buffers[c]!.Gather(source, block, start);
        }
    }

    private void Release(int first, int end)
    {
        for (int c = first; c < end; c++)
        {
            _buffers[c]?.Dispose();
            _buffers[c] = null;
        }
    }

    public void Dispose()
    {
        Release(0, _buffers.Length);
        if (_levels.Length > 0) ArrayPool<int>.Shared.Return(_levels);
        _levels = [];
    }
}
