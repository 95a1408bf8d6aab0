using System.Text;

namespace Pipeline.Grains.Input.Csv;

/// <summary>
/// A streaming RFC 4180 reader: UTF-8 (BOM skipped), header row, comma separator, CRLF or LF line ends,
/// double-quoted fields with <c>""</c> escapes that may span lines. Blank lines are skipped and not numbered.
/// Keeps the raw text of the current record for the quarantine table. No allocation per field.
/// </summary>
public sealed class CsvTableCursor : ITableCursor
{
    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[1 << 16];
    private int _pos, _len;
    private bool _eof;

    private char[] _values = new char[1024];   // unescaped field text, back to back
    private int _valuesLen;
    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private int _fieldCount;
    private readonly StringBuilder _raw = new(256);

    public CsvTableCursor(Stream stream, string sourceName)
    {
        SourceName = sourceName;
        _reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        if (!ReadRecord())
            throw new InputUnreadableException($"{sourceName}: the file is empty; a header row is required.");
        var cols = new string[_fieldCount];
        for (int i = 0; i < _fieldCount; i++) cols[i] = Field(i).Trim().ToString();
        Columns = cols;
        RowNumber = 0;
    }

    public string SourceName { get; }
    public IReadOnlyList<string> Columns { get; }
    public long RowNumber { get; private set; }
    public int FieldCount => _fieldCount;

    public ReadOnlySpan<char> Field(int column) =>
        (uint)column < (uint)_fieldCount ? _values.AsSpan(_starts[column], _lengths[column]) : default;

    public string RawRow() => _raw.ToString();

    public bool MoveNext()
    {
        while (ReadRecord())
        {
            if (_fieldCount == 1 && _lengths[0] == 0 && _raw.Length == 0) continue; // blank line
            RowNumber++;
            return true;
        }
        return false;
    }

    private bool Fill()
    {
        if (_eof) return false;
        try
        {
            _len = _reader.Read(_buffer, 0, _buffer.Length);
        }
        catch (IOException e)
        {
            throw new InputUnreadableException($"{SourceName}: read failed after row {RowNumber}: {e.Message}", e);
        }
        _pos = 0;
        if (_len == 0) { _eof = true; return false; }
        return true;
    }

    /// <summary>Reads one record into the field buffers; false at end of input.</summary>
    private bool ReadRecord()
    {
        _fieldCount = 0;
        _valuesLen = 0;
        _raw.Clear();
        if (_pos >= _len && !Fill()) return false;

        int fieldStart = 0;
        bool inQuotes = false, quotedField = false, atFieldStart = true;
        while (true)
        {
            if (_pos >= _len && !Fill())
            {
                EndField(fieldStart);
                return true; // last record without a line end (an unterminated quote runs to the end)
            }
            char c = _buffer[_pos++];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (_pos >= _len) Fill();
                    if (_pos < _len && _buffer[_pos] == '"')
                    {
                        _pos++;
                        _raw.Append("\"\"");
                        Append('"');
                        continue;
                    }
                    inQuotes = false;
                    _raw.Append('"');
                    continue;
                }
                _raw.Append(c);
                Append(c);
                continue;
            }
            switch (c)
            {
                case ',':
                    _raw.Append(c);
                    EndField(fieldStart);
                    fieldStart = _valuesLen;
                    atFieldStart = true; quotedField = false;
                    continue;
                case '\n':
                    EndField(fieldStart);
                    return true;
                case '\r':
                    if (_pos >= _len) Fill();
                    if (_pos < _len && _buffer[_pos] == '\n') _pos++;
                    EndField(fieldStart);
                    return true;
                case '"' when atFieldStart:
                    inQuotes = true; quotedField = true; atFieldStart = false;
                    _raw.Append(c);
                    continue;
                default:
                    _ = quotedField; // text after a closing quote is kept literally (lenient, like most readers)
                    atFieldStart = false;
                    _raw.Append(c);
                    Append(c);
                    continue;
            }
        }
    }

    private void Append(char c)
    {
        if (_valuesLen == _values.Length) Array.Resize(ref _values, _values.Length * 2);
        _values[_valuesLen++] = c;
    }

    private void EndField(int start)
    {
        if (_fieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _lengths, _lengths.Length * 2);
        }
        _starts[_fieldCount] = start;
        _lengths[_fieldCount] = _valuesLen - start;
        _fieldCount++;
    }

    public void Dispose() => _reader.Dispose();
}
