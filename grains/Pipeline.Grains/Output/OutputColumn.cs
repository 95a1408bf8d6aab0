using Parquet.Schema;

namespace Pipeline.Grains.Output;

/// <summary>Reads one value out of a row without copying the row.</summary>
public delegate T RowValue<TRow, out T>(in TRow row);

/// <summary>
/// One column of an output table: its contract name, Parquet type and nullability (a Parquet.Net
/// <see cref="DataField"/>), and the <see cref="ColumnBuffer{TRow}"/> that gathers its values out of the rows of a
/// row group and writes them as a column chunk.
/// Doubles that are NaN are written as null (OPTIONAL columns) — the contract's "never NaN". String columns are
/// dictionary-encoded (<see cref="Dictionary"/>).
/// </summary>
public sealed class OutputColumn<TRow>
{
    private readonly Func<int, ColumnBuffer<TRow>> _buffer;

    private OutputColumn(DataField field, int bytesPerRow, Func<int, ColumnBuffer<TRow>> buffer, RowValue<TRow, string?>? text = null)
    {
        Field = field;
        BytesPerRow = bytesPerRow;
        _buffer = buffer;
        Text = text;
    }

    public DataField Field { get; }
    public string Name => Field.Name;

    /// <summary>Whether the column asks Parquet.Net for dictionary encoding (string columns: codes, names, enums repeat).</summary>
    public bool Dictionary => Text is not null;

    /// <summary>The value as text, for string columns (a table can be partitioned by one).</summary>
    public RowValue<TRow, string?>? Text { get; }

    /// <summary>Bytes per row of this column's <see cref="ColumnBuffer{TRow}"/> (the value, and a presence mark where a null is not a NaN).</summary>
    public int BytesPerRow { get; }

    /// <summary>A buffer for up to <paramref name="capacity"/> rows of this column (pooled arrays: dispose it).</summary>
    public ColumnBuffer<TRow> CreateBuffer(int capacity) => _buffer(capacity);

    /// <summary>A REQUIRED int64 column (ids, counts).</summary>
    public static OutputColumn<TRow> Int64(string name, RowValue<TRow, long> value) =>
        new(new DataField<long>(name, nullable: false), sizeof(long), n => new RequiredColumnBuffer<TRow, long>(value, n));

    /// <summary>An OPTIONAL int64 column (an id that may be absent).</summary>
    public static OutputColumn<TRow> OptionalInt64(string name, RowValue<TRow, long?> value) =>
        new(new DataField<long>(name, nullable: true), sizeof(long) + 1, n => new OptionalColumnBuffer<TRow, long>(value, n));

    /// <summary>An OPTIONAL double column; NaN is written as null.</summary>
    public static OutputColumn<TRow> Double(string name, RowValue<TRow, double> value) =>
        new(new DataField<double>(name, nullable: true), sizeof(double), n => new NaNAsNullColumnBuffer<TRow>(value, n));

    /// <summary>A REQUIRED double column (sums that are never null).</summary>
    public static OutputColumn<TRow> RequiredDouble(string name, RowValue<TRow, double> value) =>
        new(new DataField<double>(name, nullable: false), sizeof(double), n => new RequiredColumnBuffer<TRow, double>(value, n));

    /// <summary>A UTF-8 string column; REQUIRED for keys (a null key is written as ""), else OPTIONAL with null for a null value.</summary>
    public static OutputColumn<TRow> String(string name, RowValue<TRow, string?> value, bool required) =>
        new(new DataField<string>(name, nullable: !required), required ? 16 : 17, required
            ? n => new RequiredColumnBuffer<TRow, ReadOnlyMemory<char>>((in TRow r) => (value(in r) ?? "").AsMemory(), n)
            : n => new OptionalColumnBuffer<TRow, ReadOnlyMemory<char>>((in TRow r) => value(in r) is { } s ? s.AsMemory() : (ReadOnlyMemory<char>?)null, n),
            value);
}
