using System.Buffers;
using Parquet;

namespace Pipeline.Grains.Output;

/// <summary>
/// The column buffers of one file being written (one <see cref="ColumnBuffer{TRow}"/> per file column, sized for its
/// largest row group, reused for each). A row group's rows are gathered block by block, every column of a block
/// before the next block: a block's rows stay in cache while each column takes its value out of them, instead of
/// every column walking all of the row group's rows again (the rows of one Hive partition are scattered across the
/// table's rows, so a column-by-column walk misses the cache on nearly every value).
/// </summary>
internal sealed class RowGroupColumns<TRow> : IDisposable
{
    /// <summary>Rows per block: a block of wide rows (FirmMetricsRow: 160 bytes) fits the L2 cache.</summary>
    private const int BlockRows = 1024;

    private static readonly int[] Identity = [.. Enumerable.Range(0, BlockRows)];

    private readonly IReadOnlyList<OutputColumn<TRow>> _columns;
    private readonly ColumnBuffer<TRow>[] _buffers;
    private int[] _levels;
    private TRow[]? _copies;                                     // a block of rows copied out of a row list that is not an array

    public RowGroupColumns(IReadOnlyList<OutputColumn<TRow>> columns, int capacity)
    {
        _columns = columns;
        _buffers = new ColumnBuffer<TRow>[columns.Count];
        _levels = ArrayPool<int>.Shared.Rent(Math.Max(capacity, 1));
        try
        {
            for (int c = 0; c < _buffers.Length; c++) _buffers[c] = columns[c].CreateBuffer(capacity);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Gathers the rows at <paramref name="positions"/> (at most the capacity) into the column buffers.</summary>
    public void Gather(IReadOnlyList<TRow> rows, ReadOnlySpan<int> positions)
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
            foreach (var buffer in _buffers) buffer.Gather(source, block, start);
        }
    }

    /// <summary>Writes the first <paramref name="count"/> gathered rows as the column chunks of <paramref name="rowGroup"/>, in schema order.</summary>
    public async Task WriteAsync(ParquetRowGroupWriter rowGroup, int count, CancellationToken ct)
    {
        for (int c = 0; c < _buffers.Length; c++)
            await _buffers[c].WriteAsync(rowGroup, _columns[c].Field, count, _levels, ct).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var buffer in _buffers) buffer?.Dispose();
        if (_levels.Length > 0) ArrayPool<int>.Shared.Return(_levels);
        _levels = [];
    }
}
