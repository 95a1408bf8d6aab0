using System.Buffers;
using System.Text;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Grains.Input.Csv;

/// <summary>
/// A streaming RFC 4180 reader: UTF-8 (BOM skipped), header row, comma separator, CRLF, LF or CR line ends,
/// double-quoted fields with <c>""</c> escapes that may span lines. Blank lines are skipped and not numbered.
/// Fields are found with a vectorised search for the next special character and copied in bulk; the raw text of
/// the current record (for the quarantine table) is kept as a range of the read buffer and only copied when a
/// record crosses a buffer refill. No allocation per field or per row.
/// Nothing is repaired silently. Invalid UTF-8 bytes are kept (<see cref="InvalidUtf8Marks"/>); they, text after a
/// closing quote and whole rows inside a quoted field (<see cref="QuotedRows"/>) are the row's <see cref="RowDefect"/>.
/// A quote that is never closed, a repeated header column or a header that is not clean makes the file unreadable
/// (<see cref="InputUnreadableException"/>).
/// </summary>
public sealed class CsvTableCursor : ITableCursor, IRowCopy
{
    private static readonly SearchValues<char> Specials = SearchValues.Create(",\n\r\"");

    private readonly TextReader _reader;
    private readonly InvalidUtf8Marks _marks = new();
    private readonly char[] _buffer = new char[1 << 16];
    private int _pos, _len;
    private bool _eof;

    private char[] _values = new char[1024];   // unescaped field text, back to back
    private int _valuesLen;
    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private int _fieldCount;
    private string? _quoteDefect;              // text after a closing quote, or rows inside a quoted field
    private bool _lineBreakInQuotes;           // the current record has a quoted field spanning lines

    // The current record's raw text = _rawSpill + _buffer[_rawStart.._rawEnd).
    private readonly StringBuilder _rawSpill = new(256);
    private int _rawStart, _rawEnd;

    public CsvTableCursor(Stream stream, string sourceName)
    {
        SourceName = sourceName;
        // UTF-8 only (the contract's encoding): a UTF-16 file reads as invalid bytes and is refused at its header.
        _reader = new StreamReader(stream, _marks.CreateEncoding(), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        if (!ReadRecord())
            throw new InputUnreadableException($"{sourceName}: the file is empty; a header row is required.");
        var cols = new string[_fieldCount];
        for (int i = 0; i < _fieldCount; i++) cols[i] = Field(i).Trim().ToString();
        _columns = cols;
        if (FieldWithInvalidUtf8() >= 0)
            throw new InputUnreadableException($"{sourceName}: the header row is not valid UTF-8, the contract's encoding (a UTF-16 or legacy-encoded export?).");
        if (_quoteDefect is { } defect)
            throw new InputUnreadableException($"{sourceName}: the header row cannot be read: {defect}.");
        CsvHeader.RefuseRepeatedColumns(sourceName, cols);
        RowNumber = 0;
    }

    public string SourceName { get; }
    public IReadOnlyList<string> Columns => _columns!;
    private string[]? _columns;                 // null while the header is read
    public long RowNumber { get; private set; }
    public int FieldCount => _fieldCount;

    public ReadOnlySpan<char> Field(int column) =>
        (uint)column < (uint)_fieldCount ? _values.AsSpan(_starts[column], _lengths[column]) : default;

    public string RawRow()
    {
        var raw = _rawSpill.Length == 0
            ? new string(_buffer, _rawStart, _rawEnd - _rawStart)
            : _rawSpill.ToString() + new string(_buffer, _rawStart, _rawEnd - _rawStart);
        return _marks.Seen ? InvalidUtf8Marks.Escape(raw) : raw;
    }

    public ReadOnlySpan<char> FieldText => _values.AsSpan(0, _valuesLen);
    public ReadOnlySpan<int> FieldStarts => _starts.AsSpan(0, _fieldCount);
    public ReadOnlySpan<int> FieldLengths => _lengths.AsSpan(0, _fieldCount);

    /// <summary>
    /// Copies what <see cref="RawRow"/> returns without making a string; only a row holding an invalid UTF-8 mark (to
    /// be shown as <c>\xHH</c>, and quarantined) takes the string path.
    /// </summary>
    public int CopyRawRow(ref char[] buffer, int at)
    {
        int spill = _rawSpill.Length, length = RawLength;
        if (at + length > buffer.Length) Array.Resize(ref buffer, BufferGrowth.Size(at + length));
        var target = buffer.AsSpan(at, length);
        if (spill > 0) _rawSpill.CopyTo(0, target, spill);
        _buffer.AsSpan(_rawStart, _rawEnd - _rawStart).CopyTo(target[spill..]);
        if (!_marks.Seen || target.IndexOf(InvalidUtf8Marks.Mark) < 0) return length;

        var escaped = RawRow();
        if (at + escaped.Length > buffer.Length) Array.Resize(ref buffer, BufferGrowth.Size(at + escaped.Length));
        escaped.CopyTo(buffer.AsSpan(at));
        return escaped.Length;
    }

    /// <summary>Why the current row cannot be taken as read: invalid UTF-8 in a field, text after a closing quote, or whole rows inside a quoted field.</summary>
    public string? RowDefect => FieldWithInvalidUtf8() is var i and >= 0
        ? $"invalid UTF-8 in field {i + 1}{ColumnLabel(i)} (the bytes are shown as \\xHH in raw)"
        : _quoteDefect;

    /// <summary>The first field of the current row holding an invalid UTF-8 byte, or -1 (no scan unless the file has one).</summary>
    private int FieldWithInvalidUtf8()
    {
        if (!_marks.Seen) return -1;
        for (int i = 0; i < _fieldCount; i++)
            if (Field(i).Contains(InvalidUtf8Marks.Mark)) return i;
        return -1;
    }

    private string ColumnLabel(int i) => _columns is { } cols && i < cols.Length ? $" '{TextClip.Clip(cols[i])}'" : "";

    private int RawLength => _rawSpill.Length + (_rawEnd - _rawStart);

    public bool MoveNext()
    {
        while (ReadRecord())
        {
            if (_fieldCount == 1 && _lengths[0] == 0 && RawLength == 0) continue; // blank line
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

    /// <summary>Refills the buffer in the middle of a record, first saving the record's raw text read so far.</summary>
    private bool Refill()
    {
        _rawSpill.Append(_buffer, _rawStart, _len - _rawStart);
        _rawStart = _rawEnd = 0;
        return Fill();
    }

    /// <summary>Reads one record into the field buffers; false at end of input.</summary>
    private bool ReadRecord()
    {
        _lineBreakInQuotes = false;
        if (!ReadFields()) return false;
        if (_lineBreakInQuotes && _columns is not null) _quoteDefect ??= QuotedRows.Find(this, _columns.Length);
        return true;
    }

    private bool ReadFields()
    {
        _fieldCount = 0;
        _valuesLen = 0;
        _quoteDefect = null;
        _rawSpill.Clear();
        _rawStart = _rawEnd = _pos;
        if (_pos >= _len)
        {
            if (!Fill()) return false;
            _rawStart = _rawEnd = 0;
        }

        int fieldStart = 0;
        bool inQuotes = false, atFieldStart = true, afterClosingQuote = false;
        while (true)
        {
            if (_pos >= _len && !Refill())
            {
                if (inQuotes) throw UnclosedQuote();
                EndField(fieldStart);
                return true; // last record without a line end
            }
            var rest = _buffer.AsSpan(_pos, _len - _pos);
            if (inQuotes)
            {
                int q = rest.IndexOf('"');
                if (q < 0) { AppendQuoted(rest); _pos = _len; continue; }
                AppendQuoted(rest[..q]);
                _pos += q + 1;
                if (_pos >= _len) Refill();
                if (_pos < _len && _buffer[_pos] == '"') { _pos++; AppendValues("\""); continue; }
                inQuotes = false;
                afterClosingQuote = true;
                continue;
            }
            int i = rest.IndexOfAny(Specials);
            if (afterClosingQuote && (i != 0 || rest[0] == '"'))
                _quoteDefect ??= $"text follows the closing quote of field {_fieldCount + 1}{ColumnLabel(_fieldCount)}";
            if (i < 0) { AppendValues(rest); _pos = _len; atFieldStart = false; continue; }
            if (i > 0) { AppendValues(rest[..i]); atFieldStart = false; }
            char c = rest[i];
            _pos += i + 1;
            switch (c)
            {
                case ',':
                    EndField(fieldStart);
                    fieldStart = _valuesLen;
                    atFieldStart = true;
                    afterClosingQuote = false;
                    continue;
                case '\n':
                    _rawEnd = _pos - 1;
                    EndField(fieldStart);
                    return true;
                case '\r':
                    _rawEnd = _pos - 1;
                    if (_pos >= _len)
                    {
                        _rawSpill.Append(_buffer, _rawStart, _rawEnd - _rawStart);
                        _rawStart = _rawEnd = 0;
                        Fill();
                    }
                    if (_pos < _len && _buffer[_pos] == '\n') _pos++;
                    EndField(fieldStart);
                    return true;
                default: // '"'
                    if (atFieldStart) inQuotes = true;
                    else AppendValues("\""); // a quote inside unquoted text, or after a closing quote, is kept literally
                    atFieldStart = false;
                    continue;
            }
        }
    }

    private InputUnreadableException UnclosedQuote() => new(_columns is null
        ? $"{SourceName}: the header row opens a quoted field that is never closed."
        : $"{SourceName}: row {RowNumber + 1} opens a quoted field that is never closed (a stray '\"' or a cut-off file); the rows after it cannot be told apart.");

    private void AppendQuoted(ReadOnlySpan<char> text)
    {
        if (!_lineBreakInQuotes && text.IndexOfAny('\n', '\r') >= 0) _lineBreakInQuotes = true;
        AppendValues(text);
    }

    private void AppendValues(ReadOnlySpan<char> text)
    {
        if (_valuesLen + text.Length > _values.Length)
            Array.Resize(ref _values, Math.Max(_values.Length * 2, _valuesLen + text.Length));
        text.CopyTo(_values.AsSpan(_valuesLen));
        _valuesLen += text.Length;
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
