using System.Runtime.ExceptionServices;

namespace Pipeline.Grains.Input.Csv;

/// <summary>
/// Reads a table on two threads: an internal producer thread drives the wrapped cursor (for CSV: UTF-8 decoding,
/// field splitting and the fingerprint's hashing) and copies its rows into <see cref="RowBatch"/>es, while the
/// caller validates the rows of the batch before. The rows, their numbers, fields, raw text and defects are exactly
/// what the wrapped cursor answers for them; an exception it throws (an unclosed quote, a failed read) is thrown by
/// <see cref="MoveNext"/> after the rows read before it. A few batches are reused in turn (<see cref="Batches"/>),
/// so the producer is at most that far ahead and nothing is allocated per row.
/// Like every <see cref="ITableCursor"/>, this cursor is used by one thread; the producer is internal to it.
/// <see cref="Dispose"/> stops and joins the producer (also when the caller stops early) and disposes the wrapped cursor.
/// </summary>
public sealed class PipelinedTableCursor : ITableCursor
{
    /// <summary>Batches in turn: one being validated, one being read, and room for the faster side to run ahead.</summary>
    private const int Batches = 4;

    /// <summary>Rows handed over at a time (fewer when their text is very long).</summary>
    public const int RowsPerBatch = RowBatch.Capacity;

    private readonly ITableCursor _inner;
    private readonly IRowCopy? _innerBulk;                           // the same cursor, when its rows copy in bulk
    private readonly BatchQueue _empty = new(Batches);               // batches the producer may fill; closed to stop it
    private readonly BatchQueue _read = new(Batches);                // batches filled, in row order
    private readonly Task _producer;
    private RowBatch? _batch;                                        // the batch being validated
    private int _row = -1;                                           // the current row in it, -1 before the first
    private bool _disposed;

    // The current row, kept from its batch so that a field is looked up as in CsvTableCursor (validation reads
    // every field of every row on the consumer's side, which is the slower side for links).
    private char[] _values = [];
    private int[] _fieldStarts = [], _fieldLengths = [];
    private int _firstField, _fieldCount;
    private long _rowNumber;

    /// <summary>Starts reading <paramref name="inner"/> (whose header was read) on a thread of its own.</summary>
    public PipelinedTableCursor(ITableCursor inner)
    {
        _inner = inner;
        _innerBulk = inner as IRowCopy;
        SourceName = inner.SourceName;
        Columns = inner.Columns;
        for (int i = 0; i < Batches; i++) _empty.Add(new RowBatch());
        _producer = Task.Factory.StartNew(Produce, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public string SourceName { get; }

    public IReadOnlyList<string> Columns { get; }

    public long RowNumber => _rowNumber;

    public int FieldCount => _fieldCount;

    public ReadOnlySpan<char> Field(int column) => (uint)column < (uint)_fieldCount
        ? new ReadOnlySpan<char>(_values, _fieldStarts[_firstField + column], _fieldLengths[_firstField + column])
        : default;

    public string RawRow() => _row >= 0 ? _batch!.RawRow(_row) : "";

    public string? RowDefect => _row >= 0 ? _batch!.RowDefect(_row) : null;

    public bool MoveNext()
    {
        if (_batch is { } batch && _row + 1 < batch.Count)
        {
            EnterRow(batch, _row + 1);
            return true;
        }
        return NextBatch();
    }

    private void EnterRow(RowBatch batch, int row)
    {
        _row = row;
        _firstField = batch.FirstField(row);
        _fieldCount = batch.FieldCount(row);
        _rowNumber = batch.RowNumber(row);
    }

    /// <summary>
    /// At the end of a batch: throws the reader's exception or reports the end if the batch carries one, else gives
    /// the batch back to the producer and waits for the next one.
    /// </summary>
    private bool NextBatch()
    {
        while (true)
        {
            if (_batch is { } done)
            {
                done.Failure?.Throw();
                if (done.IsLast) return false;
                _batch = null;
                _row = -1;
                _fieldCount = 0; // no view into a batch given back
                done.Clear();
                _empty.Add(done);
            }
            var next = _read.Take()!; // never closed: the producer's last batch ends the read
            _batch = next;
            if (next.Count > 0)
            {
                _values = next.Values;
                _fieldStarts = next.FieldStarts;
                _fieldLengths = next.FieldLengths;
                EnterRow(next, 0);
                return true;
            }
        }
    }

    /// <summary>
    /// The producer: fills batches from the wrapped cursor until it ends or throws, handing each over in order. Its
    /// end or exception travels in the last batch, so it never fails itself; it stops when <see cref="Dispose"/>
    /// closes the queue of empty batches.
    /// </summary>
    private void Produce()
    {
        while (_empty.Take() is { } batch)
        {
            try
            {
                bool more = true;
                while (!batch.IsFull && (more = _inner.MoveNext())) batch.Add(_inner, _innerBulk);
                batch.IsLast = !more;
            }
            catch (Exception e)
            {
                batch.Failure = ExceptionDispatchInfo.Capture(e);
            }
            _read.Add(batch);
            if (batch.IsLast || batch.Failure is not null) return;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _empty.Close();
        _producer.Wait();
        _inner.Dispose();
    }
}
