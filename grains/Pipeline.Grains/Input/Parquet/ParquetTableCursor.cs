using System.Text;
using Parquet;
using Parquet.Schema;
using Pipeline.Grains.Input.Csv;
using Pipeline.Grains.ParquetFiles;

namespace Pipeline.Grains.Input.Parquet;

/// <summary>One Parquet file of an input table: how to open it (a seekable stream) and its name for messages.</summary>
public sealed record ParquetPart(string DisplayName, Func<Stream> Open);

/// <summary>
/// The rows of an input table stored as Parquet — one file or a folder of parts, read in name order with Parquet.Net —
/// as an <see cref="ITableCursor"/>, so the CSV validators serve Parquet unchanged. The table's columns are the file's
/// top-level flat columns (<see cref="FlatColumns"/>): extra nested columns (a LIST, a STRUCT) are ignored. Values are
/// rendered as the CSV reader would see them (<see cref="CsvRendering"/>), a null as an empty field. Each column's type
/// is checked against the contract (<see cref="InputColumnKinds"/>) when a part is opened; every part must have the
/// first part's columns. <see cref="RowNumber"/> is the row index over all parts + 1 and <see cref="RawRow"/> the row
/// CSV-encoded. One row group is decoded at a time (memory bounded by the row group), its columns on every core
/// (<see cref="PartReaders"/>); any unreadable, corrupt or wrongly typed file raises <see cref="InputUnreadableException"/>
/// naming that file.
/// </summary>
public sealed class ParquetTableCursor : ITableCursor
{
    private readonly string _table;
    private readonly IReadOnlyList<ParquetPart> _parts;
    private readonly string[] _columns;
    private int _part = -1;
    private PartReaders? _readers;            // the current part's readers
    private DataField[] _fields = [];         // cursor column → the current part's field
    private string _partName = "";
    private int _rowGroup;
    private ColumnValues[] _data = [];
    private int _row = -1, _rows;
    private readonly CsvRendering _rendering;

    /// <summary>Opens the first part and reads its schema; <paramref name="table"/> is the contract table name (for type checks).</summary>
    public ParquetTableCursor(string table, IReadOnlyList<ParquetPart> parts, string sourceName)
    {
        if (parts.Count == 0) throw new InputUnreadableException($"{sourceName}: the table has no Parquet parts.");
        _table = table;
        _parts = parts;
        SourceName = sourceName;
        _columns = [];
        OpenNextPart();
        _columns = [.. _fields.Select(f => f.Name)];
        _rendering = new CsvRendering(_columns.Length);
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
            if (_readers is not null && _rowGroup < _readers.First.RowGroupCount) { LoadRowGroup(_rowGroup++); continue; }
            if (_part + 1 >= _parts.Count) { CloseReader(); return false; }
            OpenNextPart();
        }
    }

    public ReadOnlySpan<char> Field(int column)
    {
        if ((uint)column >= (uint)_columns.Length || _row < 0 || _row >= _rows) return default;
        return _rendering.Field(column, _data[column], _row, RowNumber);
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

    private void LoadRowGroup(int rowGroup)
    {
        ReleaseRowGroup();
        var data = new ColumnValues[_fields.Length];
        int rows = Unreadable(_partName, () =>
        {
            try
            {
                return _readers!.ReadRowGroupAsync(rowGroup, data, Environment.ProcessorCount).GetAwaiter().GetResult();
            }
            catch
            {
                foreach (var column in data) column?.Dispose();
                throw;
            }
        });
        _data = data;
        _rows = rows;
        _row = -1;
    }

    private void OpenNextPart()
    {
        CloseReader();
        var part = _parts[++_part];
        _partName = part.DisplayName;
        var stream = part.Open();
        var reader = Unreadable(part.DisplayName, () =>
        {
            try { return ParquetReader.CreateAsync(stream, leaveStreamOpen: false).GetAwaiter().GetResult(); }
            catch { stream.Dispose(); throw; }
        });
        try
        {
            var fields = Unreadable(part.DisplayName, () => FlatColumns.Of(reader.Schema));
            foreach (var f in fields)
                if (InputColumnKinds.Of(_table, f.Name) is { } kind && !InputColumnKinds.Accepts(kind, f))
                    throw new InputUnreadableException($"{part.DisplayName}: column '{f.Name}' of input table '{_table}' is stored as {InputColumnKinds.Stored(f)}; the contract needs {InputColumnKinds.Describe(kind)}.");
            if (_columns.Length > 0)
            {
                var byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
                if (fields.Count != _columns.Length || _columns.Any(c => !byName.ContainsKey(c)))
                    throw new InputUnreadableException($"{part.DisplayName}: its columns ({string.Join(", ", fields.Select(f => f.Name))}) differ from those of the table's first part ({string.Join(", ", _columns)}).");
                _fields = [.. _columns.Select(c => byName[c])];
            }
            else _fields = [.. fields];
        }
        catch { reader.DisposeAsync().AsTask().GetAwaiter().GetResult(); throw; }
        _readers = new PartReaders(part, reader, stream, _fields);
        _rowGroup = 0;
        _data = [];
        _rows = 0;
        _row = -1;
    }

    /// <summary>Runs a Parquet.Net call; whatever a damaged file makes it throw becomes one message naming the file.</summary>
    private static T Unreadable<T>(string file, Func<T> read)
    {
        try { return read(); }
        catch (Exception e) when (e is not (InputUnreadableException or OperationCanceledException))
        {
            throw new InputUnreadableException($"{file}: not a readable Parquet file: {e.Message}", e);
        }
    }

    private void CloseReader()
    {
        ReleaseRowGroup();
        _readers?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _readers = null;
    }

    /// <summary>Gives the decoded row group's pooled arrays back (the cursor has moved past its rows).</summary>
    private void ReleaseRowGroup()
    {
        foreach (var column in _data) column.Dispose();
        _data = [];
        _rows = 0;
        _row = -1;
    }

    public void Dispose() => CloseReader();
}
