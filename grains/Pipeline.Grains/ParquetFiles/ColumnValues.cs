using System.Buffers;
using System.Runtime.CompilerServices;
using Parquet.Schema;

namespace Pipeline.Grains.ParquetFiles;

/// <summary>
/// One flat column of one row group as Parquet.Net decoded it, one slot per row (nulls are <c>default</c> with a null
/// mark): typed access for the hot paths, boxed values for the rest. The arrays are rented from
/// <see cref="ArrayPool{T}.Shared"/>; a reader that is done with a row group disposes its columns to give them back
/// (a column that is kept, as the report keeps them, is simply never disposed).
/// </summary>
public abstract class ColumnValues(DataField field, int count) : IDisposable
{
    public DataField Field { get; } = field;
    public int Count { get; } = count;
    public abstract bool IsNull(int row);

    /// <summary>How many rows are null.</summary>
    public abstract int NullCount { get; }

    /// <summary>The value of a row, boxed (long, int, double, bool, string, …), or null.</summary>
    public abstract object? GetValue(int row);

    /// <summary>Returns the arrays to the pool; the column must not be read afterwards.</summary>
    public abstract void Dispose();
}

/// <summary>A column of <typeparamref name="T"/> values (strings are <see cref="ReadOnlyMemory{T}"/> of char, as Parquet.Net reads them).</summary>
public sealed class ColumnValues<T>(DataField field, T[] values, bool[]? nulls, int count) : ColumnValues(field, count) where T : struct
{
    private T[] _values = values;          // rented; at least Count long
    private bool[]? _nulls = nulls;        // rented; null when the column has no nulls

    /// <summary>One value per row; a null row holds <c>default</c>.</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, Count);

    public override bool IsNull(int row) => _nulls is not null && _nulls[row];

    public override int NullCount { get; } = nulls is null ? 0 : nulls.AsSpan(0, count).Count(true);

    public T this[int row] => _values[row];

    public override object? GetValue(int row) => IsNull(row) ? null : _values[row] switch
    {
        ReadOnlyMemory<char> text => text.ToString(),
        ReadOnlyMemory<byte> bytes => bytes.ToArray(),
        var v => v,
    };

    public override void Dispose()
    {
        if (_values.Length > 0) ArrayPool<T>.Shared.Return(_values, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        if (_nulls is not null) ArrayPool<bool>.Shared.Return(_nulls);
        _values = [];
        _nulls = null;
    }
}
