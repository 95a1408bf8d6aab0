using System.Buffers;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Pipeline.Grains.Output;

/// <summary>A REQUIRED column's buffer: every row has a value, written as it is (no definition levels).</summary>
internal sealed class RequiredColumnBuffer<TRow, T>(RowValue<TRow, T> value, int capacity) : ColumnBuffer<TRow> where T : struct
{
    private T[] _values = ArrayPool<T>.Shared.Rent(Math.Max(capacity, 1));

    public override void Gather(TRow[] rows, ReadOnlySpan<int> positions, int at)
    {
        var values = _values.AsSpan(at, positions.Length);
        for (int i = 0; i < values.Length; i++) values[i] = value(in rows[positions[i]]);
    }

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, int count, int[] levels, CancellationToken ct) =>
        rowGroup.WriteAsync<T>(field, _values.AsMemory(0, count), null, null, ct);

    public override void Dispose()
    {
        if (_values.Length > 0) ArrayPool<T>.Shared.Return(_values, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        _values = [];
    }
}
