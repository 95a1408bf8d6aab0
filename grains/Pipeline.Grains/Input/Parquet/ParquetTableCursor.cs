using System.Globalization;
using Pipeline.Grains.Input.Csv;
using Pipeline.Parquet;

namespace Pipeline.Grains.Input.Parquet;

/// <summary>
/// Rows of one or more Parquet files (a table's parts, in name order) as an <see cref="ITableCursor"/>: values are
/// rendered in the invariant culture so the same validators serve CSV and Parquet (int64 ids, int32/int64 counts,
/// doubles round-trip, booleans as true/false, strings as-is; null reads as empty). Row numbers continue across
/// parts (row index + 1). One row group is decoded at a time.
/// </summary>
public sealed class ParquetTableCursor : ITableCursor
{
    private readonly IReadOnlyList<(Func<Stream> Open, string Name)> _parts;
    private int _part = -1;
    private ParquetFileReader? _reader;
    private int _rowGroup;
    private ColumnData[] _columns = [];
    private int _row = -1;
    private int[] _map = [];                       // our column index → file column index (-1 when absent)
    private readonly string[] _text;

    public ParquetTableCursor(IReadOnlyList<(Func<Stream> Open, string Name)> parts, string sourceName)
    {
        _parts = parts;
        SourceName = sourceName;
        if (!NextPart()) throw new InputUnreadableException($"{sourceName}: no Parquet parts.");
        Columns = [.. _reader!.Schema.Columns.Select(c => c.Name)];
        _text = new string[Columns.Count];
    }

    public string SourceName { get; }
    public IReadOnlyList<string> Columns { get; }
    public long RowNumber { get; private set; }
    public int FieldCount => Columns.Count;

    public ReadOnlySpan<char> Field(int column) => (uint)column < (uint)_text.Length ? _text[column] : default;

    public string RawRow() => CsvText.Line(_text);

    public bool MoveNext()
    {
        while (true)
        {
            if (_row + 1 < (_columns.Length == 0 ? 0 : _columns[0].Count))
            {
                _row++;
                RowNumber++;
                for (int c = 0; c < _text.Length; c++) _text[c] = _map[c] < 0 ? "" : Render(_columns[_map[c]], _row);
                return true;
            }
            if (_reader is not null && _rowGroup < _reader.RowGroupCount)
            {
                var rg = _rowGroup++;
                _columns = [.. Enumerable.Range(0, _reader.Schema.Columns.Count).Select(c => Read(rg, c))];
                _row = -1;
                continue;
            }
            if (!NextPart()) return false;
        }
    }

    private ColumnData Read(int rowGroup, int column)
    {
        try { return _reader!.ReadColumn(rowGroup, column); }
        catch (ParquetFormatException e) { throw new InputUnreadableException($"{SourceName}: {e.Message}", e); }
    }

    private bool NextPart()
    {
        _reader?.Dispose();
        _reader = null;
        if (++_part >= _parts.Count) return false;
        var (open, name) = _parts[_part];
        try
        {
            _reader = new ParquetFileReader(open(), name);
        }
        catch (ParquetFormatException e)
        {
            throw new InputUnreadableException($"{name}: not a readable Parquet file: {e.Message}", e);
        }
        var names = _reader.Schema.Columns.Select(c => c.Name).ToList();
        if (Columns is not null)
        {
            _map = [.. Columns.Select(c => names.IndexOf(c))];
            if (names.Count != Columns.Count || _map.Any(i => i < 0))
                throw new InputUnreadableException($"{name}: its columns ({string.Join(", ", names)}) differ from the table's first part ({string.Join(", ", Columns)}).");
        }
        else _map = [.. Enumerable.Range(0, names.Count)];
        _rowGroup = 0;
        _columns = [];
        _row = -1;
        return true;
    }

    private static string Render(ColumnData data, int row)
    {
        if (data.IsNull(row)) return "";
        return data.Column.Type switch
        {
            ParquetType.Int32 => data.GetInt32(row).ToString(CultureInfo.InvariantCulture),
            ParquetType.Int64 => data.GetInt64(row).ToString(CultureInfo.InvariantCulture),
            ParquetType.Double => data.GetDouble(row).ToString("R", CultureInfo.InvariantCulture),
            ParquetType.Float => data.GetFloat(row).ToString("R", CultureInfo.InvariantCulture),
            ParquetType.Boolean => data.GetBoolean(row) ? "true" : "false",
            ParquetType.String => data.GetString(row),
            _ => Convert.ToString(data.GetValue(row), CultureInfo.InvariantCulture) ?? "",
        };
    }

    public void Dispose() => _reader?.Dispose();
}
