using System.Runtime.ExceptionServices;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Grains.Input.Csv;

/// <summary>
/// Up to <see cref="Capacity"/> rows copied out of a <see cref="ITableCursor"/> so they can be validated on another
/// thread than the one that read them: field text back to back, each field's start and length, each row's first
/// field, row number, raw text and defect. A batch is reused (<see cref="Clear"/>) and its arrays only grow, so
/// copying a row allocates nothing; the raw text stays chars until <see cref="RawRow"/> is asked for (quarantine).
/// The last batch of a read carries its end (<see cref="IsLast"/>) or the reader's exception (<see cref="Failure"/>)
/// after the rows read before it.
/// </summary>
internal sealed class RowBatch
{
    /// <summary>Rows per batch: large enough that handing a batch over costs nothing per row.</summary>
    public const int Capacity = 4096;

    /// <summary>Field or raw chars after which a batch is handed over early, so rows of huge fields keep batches bounded.</summary>
    private const int CharBudget = 1 << 20;

    private char[] _values = new char[1 << 16];
    private int _valuesLength;
    private int[] _fieldStarts = new int[Capacity * 8];
    private int[] _fieldLengths = new int[Capacity * 8];
    private readonly int[] _firstField = new int[Capacity + 1];    // row i's fields are [_firstField[i], _firstField[i + 1])
    private readonly long[] _rowNumbers = new long[Capacity];
    private char[] _raw = new char[1 << 16];
    private readonly int[] _rawStarts = new int[Capacity + 1];     // row i's raw text is [_rawStarts[i], _rawStarts[i + 1])
    private readonly string?[] _defects = new string?[Capacity];

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>True when no more rows should be added before the batch is handed over.</summary>
    public bool IsFull => Count == Capacity || _valuesLength >= CharBudget || _rawStarts[Count] >= CharBudget;

    /// <summary>The read ended after these rows.</summary>
    public bool IsLast { get; set; }

    /// <summary>The read failed after these rows: thrown (with its original stack) when the consumer reaches it.</summary>
    public ExceptionDispatchInfo? Failure { get; set; }

    /// <summary>Empties the batch for reuse, keeping its arrays.</summary>
    public void Clear()
    {
        Array.Clear(_defects, 0, Count);
        Count = 0;
        _valuesLength = 0;
        IsLast = false;
        Failure = null;
    }

    /// <summary>
    /// Copies the cursor's current row: everything the consumer may ask of it is taken now, while the cursor is on it
    /// (its defect and raw text depend on what the cursor has decoded so far, as they would for a caller reading it).
    /// </summary>
    /// <param name="row">The cursor, on the row to copy.</param>
    /// <param name="bulk">The same cursor when it can be copied in bulk (<see cref="IRowCopy"/>), else null.</param>
    public void Add(ITableCursor row, IRowCopy? bulk)
    {
        int r = Count;
        int fields = row.FieldCount;
        int first = _firstField[r];
        if (first + fields > _fieldStarts.Length)
        {
            Array.Resize(ref _fieldStarts, BufferGrowth.Size(first + fields));
            Array.Resize(ref _fieldLengths, _fieldStarts.Length);
        }
        if (bulk is not null) AddFields(first, bulk);
        else for (int f = 0; f < fields; f++) AddField(first + f, row.Field(f));
        _firstField[r + 1] = first + fields;
        _rowNumbers[r] = row.RowNumber;
        _defects[r] = row.RowDefect;
        _rawStarts[r + 1] = _rawStarts[r] + (bulk is not null ? bulk.CopyRawRow(ref _raw, _rawStarts[r]) : CopyRawRow(row, _rawStarts[r]));
        Count = r + 1;
    }

    /// <summary>All fields of the row with one copy of their text; their starts are moved to where the text lands.</summary>
    private void AddFields(int first, IRowCopy row)
    {
        var text = row.FieldText;
        var starts = row.FieldStarts;
        int at = Reserve(text.Length);
        text.CopyTo(_values.AsSpan(at));
        var batchStarts = _fieldStarts.AsSpan(first, starts.Length);
        for (int f = 0; f < starts.Length; f++) batchStarts[f] = at + starts[f];
        row.FieldLengths.CopyTo(_fieldLengths.AsSpan(first));
    }

    private void AddField(int index, ReadOnlySpan<char> text)
    {
        int at = Reserve(text.Length);
        text.CopyTo(_values.AsSpan(at));
        _fieldStarts[index] = at;
        _fieldLengths[index] = text.Length;
    }

    /// <summary>Room for <paramref name="length"/> more chars of field text; returns where they go.</summary>
    private int Reserve(int length)
    {
        int at = _valuesLength;
        if (at + length > _values.Length) Array.Resize(ref _values, BufferGrowth.Size(at + length));
        _valuesLength = at + length;
        return at;
    }

    /// <summary>The raw text of a cursor that cannot copy it as chars: through its <see cref="ITableCursor.RawRow"/> (a string per row).</summary>
    private int CopyRawRow(ITableCursor row, int at)
    {
        var raw = row.RawRow();
        if (at + raw.Length > _raw.Length) Array.Resize(ref _raw, BufferGrowth.Size(at + raw.Length));
        raw.CopyTo(_raw.AsSpan(at));
        return raw.Length;
    }

    public long RowNumber(int row) => _rowNumbers[row];

    /// <summary>Where row <paramref name="row"/>'s fields are in <see cref="FieldStarts"/> and <see cref="FieldLengths"/>.</summary>
    public int FirstField(int row) => _firstField[row];

    public int FieldCount(int row) => _firstField[row + 1] - _firstField[row];

    /// <summary>The field text of all rows, back to back (a reader of the batch keeps the arrays while on its rows: one lookup per field).</summary>
    public char[] Values => _values;

    /// <summary>Where each field starts in <see cref="Values"/>, the fields of all rows in row order.</summary>
    public int[] FieldStarts => _fieldStarts;

    /// <summary>The length of each field, in the order of <see cref="FieldStarts"/>.</summary>
    public int[] FieldLengths => _fieldLengths;

    public string RawRow(int row) => new(_raw, _rawStarts[row], _rawStarts[row + 1] - _rawStarts[row]);

    public string? RowDefect(int row) => _defects[row];
}
