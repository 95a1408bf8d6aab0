using System.Globalization;
using System.Text;
using Pipeline.Grains.Input.Csv;
using Pipeline.Parquet;

namespace Pipeline.Grains.Input.Parquet;

/// <summary>One Parquet file of an input table: how to open it (a seekable stream) and its name for messages.</summary>
public sealed record ParquetPart(string DisplayName, Func<Stream> Open);

/// <summary>
/// The rows of an input table stored as Parquet — one file or a folder of parts, read in name order — as an
/// <see cref="ITableCursor"/>, so the CSV validators serve Parquet unchanged. Values are rendered as the CSV reader
/// would see them: integers and doubles in the invariant culture (doubles shortest round-trip, so they parse back to
/// the same value), booleans as <c>true</c>/<c>false</c>, strings as stored, a null as an empty field. Each column's
/// Parquet type is checked against the contract (<see cref="InputColumnKinds"/>) when a part is opened; every part
/// must have the first part's columns. <see cref="RowNumber"/> is the row index over all parts + 1 and
/// <see cref="RawRow"/> the row CSV-encoded. One row group is decoded at a time (memory bounded by the row group);
/// any unreadable, corrupt or wrongly typed file raises <see cref="InputUnreadableException"/> naming that file.
/// </summary>
public sealed class ParquetTableCursor : ITableCursor
{
    private readonly string _table;
    private readonly IReadOnlyList<ParquetPart> _parts;
    private readonly string[] _columns;
    private int _part = -1;
    private ParquetFileReader? _reader;
    private string _partName = "";
    private int _rowGroup;
    private ColumnData[] _data = [];
    private int[] _map = [];                  // cursor column → file column
    private int _row = -1, _rows;
    private readonly char[][] _text;          // formatted non-string values of the current row
    private readonly int[] _textLength;
    private readonly long[] _formattedAt;     // RowNumber at which _text[c] was formatted

    /// <summary>Opens the first part and reads its schema; <paramref name="table"/> is the contract table name (for type checks).</summary>
    public ParquetTableCursor(string table, IReadOnlyList<ParquetPart> parts, string sourceName)
    {
        if (parts.Count == 0) throw new InputUnreadableException($"{sourceName}: the table has no Parquet parts.");
        _table = table;
        _parts = parts;
        SourceName = sourceName;
        _columns = [];
        OpenNextPart();
        _columns = [.. _reader!.Schema.Columns.Select(c => c.Name)];
        _map = [.. Enumerable.Range(0, _columns.Length)];
        _text = new char[_columns.Length][];
        for (int i = 0; i < _text.Length; i++) _text[i] = new char[32];
        _textLength = new int[_columns.Length];
        _formattedAt = new long[_columns.Length];
    }

    public string SourceName { get; }
    public IReadOnlyList<string> Columns => _columns;
    public long RowNumber { get; private set; }
    public int FieldCount => _columns.Length;

    public bool MoveNext()
    {
        while (true)
        {
            if (_row + 1 < _rows)
            {
                _row++;
                RowNumber++;
                return true;
            }
            if (_reader is not null && _rowGroup < _reader.RowGroupCount) { LoadRowGroup(_rowGroup++); continue; }
            if (_part + 1 >= _parts.Count) { _reader?.Dispose(); _reader = null; return false; }
            OpenNextPart();
        }
    }

    public ReadOnlySpan<char> Field(int column)
    {
        if ((uint)column >= (uint)_columns.Length || _row < 0 || _row >= _rows) return default;
        var data = _data[_map[column]];
        if (data.IsNull(_row)) return default;
        if (data.Column.Type == ParquetType.String) return data.GetString(_row);
        if (_formattedAt[column] != RowNumber)
        {
            int written;
            while (!TryFormat(data, _row, _text[column], out written)) _text[column] = new char[_text[column].Length * 2];
            _textLength[column] = written;
            _formattedAt[column] = RowNumber;
        }
        return _text[column].AsSpan(0, _textLength[column]);
    }

    public string RawRow()
    {
        var sb = new StringBuilder();
        for (int c = 0; c < _columns.Length; c++)
        {
            if (c > 0) sb.Append(',');
            CsvText.AppendField(sb, Field(c));
        }
        return sb.ToString();
    }

    private static bool TryFormat(ColumnData data, int row, Span<char> dst, out int written)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (data.Column.Type)
        {
            case ParquetType.Decimal: return data.GetDecimal(row).TryFormat(dst, out written, default, inv);
            case ParquetType.Date: return data.GetDate(row).TryFormat(dst, out written, "yyyy-MM-dd", inv);
            case ParquetType.Timestamp: return data.GetTimestamp(row).TryFormat(dst, out written, "yyyy-MM-dd HH:mm:ss.FFFFFF", inv);
            case ParquetType.Int32: return data.GetInt32(row).TryFormat(dst, out written, default, inv);
            case ParquetType.Int64: return data.GetInt64(row).TryFormat(dst, out written, default, inv);
            case ParquetType.Double: return data.GetDouble(row).TryFormat(dst, out written, "R", inv);
            case ParquetType.Float: return data.GetFloat(row).TryFormat(dst, out written, "R", inv);
            case ParquetType.Boolean:
                var text = data.GetBoolean(row) ? "true" : "false";
                written = text.Length;
                return text.TryCopyTo(dst);
            default:
                var s = Convert.ToString(data.GetValue(row), inv) ?? "";
                written = s.Length;
                return s.TryCopyTo(dst);
        }
    }

    private void LoadRowGroup(int rowGroup)
    {
        var reader = _reader!;
        var data = new ColumnData[reader.Schema.Columns.Count];
        try
        {
            var read = reader.ReadRowGroup(rowGroup, _map);     // the mapped columns, decoded in parallel
            for (int i = 0; i < _map.Length; i++) data[_map[i]] = read[i];
        }
        catch (ParquetFormatException e) { throw new InputUnreadableException($"{_partName}: not a readable Parquet file: {e.Message}", e); }
        _data = data;
        _rows = (int)reader.RowGroupRows(rowGroup);
        _row = -1;
    }

    private void OpenNextPart()
    {
        _reader?.Dispose();
        _reader = null;
        var part = _parts[++_part];
        _partName = part.DisplayName;
        ParquetFileReader reader;
        try { reader = new ParquetFileReader(part.Open(), part.DisplayName); }
        catch (ParquetFormatException e) { throw new InputUnreadableException($"{part.DisplayName}: not a readable Parquet file: {e.Message}", e); }
        try
        {
            var schema = reader.Schema;
            foreach (var c in schema.Columns)
                if (InputColumnKinds.Of(_table, c.Name) is { } kind && !InputColumnKinds.Accepts(kind, c.Type))
                    throw new InputUnreadableException($"{part.DisplayName}: column '{c.Name}' of input table '{_table}' is stored as {c.Type}; the contract needs {InputColumnKinds.Describe(kind)}.");
            if (_columns.Length > 0)
            {
                var names = schema.Columns.Select(c => c.Name).ToList();
                var map = _columns.Select(c => names.IndexOf(c)).ToArray();
                if (names.Count != _columns.Length || map.Any(i => i < 0))
                    throw new InputUnreadableException($"{part.DisplayName}: its columns ({string.Join(", ", names)}) differ from those of the table's first part ({string.Join(", ", _columns)}).");
                _map = map;
            }
        }
        catch { reader.Dispose(); throw; }
        _reader = reader;
        _rowGroup = 0;
        _data = [];
        _rows = 0;
        _row = -1;
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _reader = null;
    }
}
