using Parquet;
using Parquet.Schema;

namespace Pipeline.Grains.Output;

/// <summary>Reads one value out of a row without copying the row.</summary>
public delegate T RowValue<TRow, out T>(in TRow row);

/// <summary>
/// One column of an output table: its contract name, Parquet type and nullability (a Parquet.Net
/// <see cref="DataField"/>), and how to write the rows of one row group into it (<see cref="ColumnChunkWriter{TRow}"/>).
/// Doubles that are NaN are written as null (OPTIONAL columns) — the contract's "never NaN". String columns are
/// dictionary-encoded (<see cref="Dictionary"/>).
/// </summary>
public sealed class OutputColumn<TRow>
{
    private readonly ColumnChunkWriter<TRow> _write;

    private OutputColumn(DataField field, ColumnChunkWriter<TRow> write, RowValue<TRow, string?>? text = null)
    {
        Field = field;
        _write = write;
        Text = text;
    }

    public DataField Field { get; }
    public string Name => Field.Name;

    /// <summary>Whether the column asks Parquet.Net for dictionary encoding (string columns: codes, names, enums repeat).</summary>
    public bool Dictionary => Text is not null;

    /// <summary>The value as text, for string columns (a table can be partitioned by one).</summary>
    public RowValue<TRow, string?>? Text { get; }

    /// <summary>Writes the rows at <paramref name="positions"/> as this column's chunk of a row group.</summary>
    public Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<TRow> rows, ReadOnlyMemory<int> positions, CancellationToken ct) =>
        _write(rowGroup, Field, rows, positions, ct);

    /// <summary>A REQUIRED int64 column (ids, counts).</summary>
    public static OutputColumn<TRow> Int64(string name, RowValue<TRow, long> value) =>
        new(new DataField<long>(name, nullable: false), ColumnChunks<TRow>.Required(value));

    /// <summary>An OPTIONAL int64 column (an id that may be absent).</summary>
    public static OutputColumn<TRow> OptionalInt64(string name, RowValue<TRow, long?> value) =>
        new(new DataField<long>(name, nullable: true), ColumnChunks<TRow>.Optional(value));

    /// <summary>An OPTIONAL double column; NaN is written as null.</summary>
    public static OutputColumn<TRow> Double(string name, RowValue<TRow, double> value) =>
        new(new DataField<double>(name, nullable: true), ColumnChunks<TRow>.Optional<double>((in TRow r) => value(in r) is var v && double.IsNaN(v) ? null : v));

    /// <summary>A REQUIRED double column (sums that are never null).</summary>
    public static OutputColumn<TRow> RequiredDouble(string name, RowValue<TRow, double> value) =>
        new(new DataField<double>(name, nullable: false), ColumnChunks<TRow>.Required(value));

    /// <summary>A UTF-8 string column; REQUIRED for keys (a null key is written as ""), else OPTIONAL with null for a null value.</summary>
    public static OutputColumn<TRow> String(string name, RowValue<TRow, string?> value, bool required) =>
        new(new DataField<string>(name, nullable: !required), required
            ? ColumnChunks<TRow>.Required((in TRow r) => (value(in r) ?? "").AsMemory())
            : ColumnChunks<TRow>.Optional<ReadOnlyMemory<char>>((in TRow r) => value(in r) is { } s ? s.AsMemory() : (ReadOnlyMemory<char>?)null),
            value);
}
