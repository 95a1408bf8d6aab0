using System.Buffers;
using Parquet;
using Parquet.Schema;

namespace Pipeline.Grains.Output;

/// <summary>
/// An OPTIONAL double column whose nulls are the rows' NaNs (the contract's "never NaN"): the doubles are gathered as
/// they are, and on write the non-NaN ones are packed to the front in place and handed to Parquet.Net with
/// definition levels.
/// </summary>
internal sealed class NaNAsNullColumnBuffer<TRow>(RowValue<TRow, double> value, int capacity) : ColumnBuffer<TRow>
{
    private double[] _values = ArrayPool<double>.Shared.Rent(Math.Max(capacity, 1));

    public override void Gather(TRow[] rows, ReadOnlySpan<int> positions, int at)
    {
        var values = _values.AsSpan(at, positions.Length);
        for (int i = 0; i < values.Length; i++) values[i] = value(in rows[positions[i]]);
    }

    public override Task WriteAsync(ParquetRowGroupWriter rowGroup, DataField field, int count, int[] levels, CancellationToken ct)
    {
        int defined = field.MaxDefinitionLevel, packed = 0;
        var values = _values.AsSpan(0, count);
        for (int i = 0; i < values.Length; i++)              // branch-free: NaNs come and go at random
        {
            double v = values[i];
            int present = double.IsNaN(v) ? 0 : 1;
            values[packed] = v;                                // packed <= i: a slot already read
            packed += present;
            levels[i] = defined - 1 + present;
        }
        return rowGroup.WriteAllPartsAsync<double>(field, _values.AsMemory(0, packed), levels.AsMemory(0, count), null, ct);
    }

    public override void Dispose()
    {
        if (_values.Length > 0) ArrayPool<double>.Shared.Return(_values);
        _values = [];
    }
}
