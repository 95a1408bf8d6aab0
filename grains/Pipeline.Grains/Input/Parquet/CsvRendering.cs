using System.Globalization;
using Pipeline.Grains.ParquetFiles;

namespace Pipeline.Grains.Input.Parquet;

/// <summary>
/// Renders Parquet values as the CSV reader would see them: integers and doubles in the invariant culture (doubles
/// shortest round-trip, so they parse back to the same value), booleans as <c>true</c>/<c>false</c>, strings as stored,
/// a null as an empty field. A number is formatted once per row and column into a reused buffer.
/// </summary>
internal sealed class CsvRendering
{
    private readonly char[][] _text;
    private readonly int[] _length;
    private readonly long[] _formattedAt;     // row number at which _text[c] was formatted

    public CsvRendering(int columns)
    {
        _text = new char[columns][];
        for (int i = 0; i < columns; i++) _text[i] = new char[32];
        _length = new int[columns];
        _formattedAt = new long[columns];
    }

    public ReadOnlySpan<char> Field(int column, ColumnValues data, int row, long rowNumber)
    {
        if (data.IsNull(row)) return default;
        if (data is ColumnValues<ReadOnlyMemory<char>> text) return text[row].Span;
        if (_formattedAt[column] != rowNumber)
        {
            int written;
            while (!TryFormat(data, row, _text[column], out written)) _text[column] = new char[_text[column].Length * 2];
            _length[column] = written;
            _formattedAt[column] = rowNumber;
        }
        return _text[column].AsSpan(0, _length[column]);
    }

    private static bool TryFormat(ColumnValues data, int row, Span<char> dst, out int written)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (data)
        {
            case ColumnValues<long> v: return v[row].TryFormat(dst, out written, default, inv);
            case ColumnValues<int> v: return v[row].TryFormat(dst, out written, default, inv);
            case ColumnValues<double> v: return v[row].TryFormat(dst, out written, "R", inv);
            case ColumnValues<float> v: return v[row].TryFormat(dst, out written, "R", inv);
            case ColumnValues<decimal> v: return v[row].TryFormat(dst, out written, default, inv);
            case ColumnValues<DateOnly> v: return v[row].TryFormat(dst, out written, "yyyy-MM-dd", inv);
            case ColumnValues<DateTime> v: return v[row].TryFormat(dst, out written, "yyyy-MM-dd HH:mm:ss.FFFFFF", inv);
            case ColumnValues<bool> v:
                var flag = v[row] ? "true" : "false";
                written = flag.Length;
                return flag.TryCopyTo(dst);
            default:
                var s = Convert.ToString(data.GetValue(row), inv) ?? "";
                written = s.Length;
                return s.TryCopyTo(dst);
        }
    }
}
