using Pipeline.Parquet;

namespace Pipeline.Grains.Output;

/// <summary>Reads one value out of a row without copying the row.</summary>
public delegate T RowValue<TRow, out T>(in TRow row);

/// <summary>
/// One column of an output table: its contract name, Parquet type and nullability, and how to write it from a row.
/// Doubles that are NaN are written as null (OPTIONAL columns) — the contract's "never NaN".
/// </summary>
public sealed class OutputColumn<TRow>
{
    private OutputColumn(ParquetColumn column, Action<ParquetFileWriter, int, TRow> write, RowValue<TRow, string?>? text = null)
    {
        Column = column;
        Write = write;
        Text = text;
    }

    public ParquetColumn Column { get; }
    public string Name => Column.Name;
    public Action<ParquetFileWriter, int, TRow> Write { get; }

    /// <summary>The value as text, for string columns (a table can be partitioned by one).</summary>
    public RowValue<TRow, string?>? Text { get; }

    /// <summary>A REQUIRED int64 column (ids, counts).</summary>
    public static OutputColumn<TRow> Int64(string name, RowValue<TRow, long> value) =>
        new(ParquetColumn.Int64(name, required: true), (w, i, r) => w.WriteInt64(i, value(in r)));

    /// <summary>An OPTIONAL double column; NaN is written as null.</summary>
    public static OutputColumn<TRow> Double(string name, RowValue<TRow, double> value) =>
        new(ParquetColumn.Double(name, required: false), (w, i, r) =>
        {
            var v = value(in r);
            if (double.IsNaN(v)) w.WriteNull(i); else w.WriteDouble(i, v);
        });

    /// <summary>A REQUIRED double column (sums that are never null).</summary>
    public static OutputColumn<TRow> RequiredDouble(string name, RowValue<TRow, double> value) =>
        new(ParquetColumn.Double(name, required: true), (w, i, r) => w.WriteDouble(i, value(in r)));

    /// <summary>A UTF-8 string column; REQUIRED for keys, else OPTIONAL with null for a null value.</summary>
    public static OutputColumn<TRow> String(string name, RowValue<TRow, string?> value, bool required) =>
        new(ParquetColumn.String(name, required), (w, i, r) =>
        {
            var v = value(in r);
            if (v is null) { if (required) w.WriteString(i, ""); else w.WriteNull(i); }
            else w.WriteString(i, v);
        }, value);
}
