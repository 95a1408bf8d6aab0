using Parquet.Schema;

namespace Pipeline.Grains.ParquetFiles;

/// <summary>
/// One flat column of one row group as Parquet.Net decoded it, one slot per row (nulls are <c>default</c> with a null
/// mark): typed access for the hot paths, boxed values for the rest.
/// </summary>
public abstract class ColumnValues(DataField field, int count)
{
    public DataField Field { get; } = field;
    public int Count { get; } = count;
    public abstract bool IsNull(int row);

    /// <summary>The value of a row, boxed (long, int, double, bool, string, …), or null.</summary>
    public abstract object? GetValue(int row);
}

/// <summary>A column of <typeparamref name="T"/> values (strings are <see cref="ReadOnlyMemory{T}"/> of char, as Parquet.Net reads them).</summary>
public sealed class ColumnValues<T>(DataField field, T[] values, bool[]? nulls, int count) : ColumnValues(field, count) where T : struct
{
    /// <summary>One value per row; a null row holds <c>default</c>.</summary>
    public ReadOnlySpan<T> Values => values.AsSpan(0, Count);

    /// <summary>True where the row is null; null when the column has no nulls.</summary>
    public bool[]? Nulls => nulls;

    public override bool IsNull(int row) => nulls is not null && nulls[row];

    public T this[int row] => values[row];

    public override object? GetValue(int row) => IsNull(row) ? null : values[row] switch
    {
        ReadOnlyMemory<char> text => text.ToString(),
        ReadOnlyMemory<byte> bytes => bytes.ToArray(),
        var v => v,
    };
}
