using System.Buffers;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Pipeline.Grains.Output;

/// <summary>
/// An OPTIONAL column's buffer: a value (or <c>default</c>) and a presence mark per row. On write the present values
/// are packed to the front in place and handed to Parquet.Net with definition levels, so no nullable copy is made.
/// </summary>
internal sealed class OptionalColumnBuffer<TRow, T>(RowValue<TRow, T?> value, int capacity) : ColumnBuffer<TRow> where T : struct
{
    private T[] _values = ArrayPool<T>.Shared.Rent(Math.Max(capacity, 1));
    private bool[] _present = ArrayPool<bool>.Shared.Rent(Math.Max(capacity, 1));

    public override void Gather(TRow[] rows, ReadOnlySpan<int> positions, int at)
    {
        var values = _values.AsSpan(at, positions.Length);
        var present = _present.AsSpan(at, positions.Length);
        for (int i = 0; i < values.Length; i++)
        {
            var v = value(in rows[positions[i]]);
            values[i] = v.GetValueOrDefault();
            present[i] = v.HasValue;
        }
    }

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, int count, int[] levels, CancellationToken ct)
    {
        int defined = field.MaxDefinitionLevel, packed = 0;
        var values = _values.AsSpan(0, count);
        var present = _present.AsSpan(0, count);
        for (int i = 0; i < values.Length; i++)              // branch-free: nulls come and go at random
        {
            int has = present[i] ? 1 : 0;
            values[packed] = values[i];                        // packed <= i: a slot already read
            packed += has;
            levels[i] = defined - 1 + has;
        }
        return rowGroup.WriteAllPartsAsync<T>(field, _values.AsMemory(0, packed), levels.AsMemory(0, count), null, ct);
    }

    public override void Dispose()
    {
        if (_values.Length > 0) ArrayPool<T>.Shared.Return(_values, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        if (_present.Length > 0) ArrayPool<bool>.Shared.Return(_present);
        _values = [];
        _present = [];
    }
}
