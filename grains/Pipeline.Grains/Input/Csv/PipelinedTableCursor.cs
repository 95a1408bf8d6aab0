using System.Collections.Concurrent;
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
    private readonly BlockingCollection<RowBatch> _empty = new();   // batches the producer may fill
    private readonly BlockingCollection<RowBatch> _read = new();    // batches filled, in row order
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private RowBatch? _batch;                                        // the batch being validated
    private int _row = -1;                                           // the current row in it, -1 before the first
    private bool _disposed;

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

    public long RowNumber => _row >= 0 ? _batch!.RowNumber(_row) : 0;

    public int FieldCount => _row >= 0 ? _batch!.FieldCount(_row) : 0;

    public ReadOnlySpan<char> Field(int column) => _row >= 0 ? _batch!.Field(_row, column) : default;

    public string RawRow() => _row >= 0 ? _batch!.RawRow(_row) : "";

    public string? RowDefect => _row >= 0 ? _batch!.RowDefect(_row) : null;

    public bool MoveNext()
    {
        if (_batch is { } batch && _row + 1 < batch.Count)
        {
            _row++;
            return true;
        }
        return NextBatch();
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
                done.Clear();
                _batch = null;
                _row = -1;
                _empty.Add(done);
            }
            _batch = _read.Take();
            if (_batch.Count > 0)
            {
                _row = 0;
                return true;
            }
        }
    }

    /// <summary>
    /// The producer: fills batches from the wrapped cursor until it ends or throws, handing each over in order. Its
    /// end or exception travels in the last batch, so it never fails itself; it stops when <see cref="Dispose"/>
    /// cancels its wait for an empty batch.
    /// </summary>
    private void Produce()
    {
        try
        {
            while (true)
            {
                var batch = _empty.Take(_stop.Token);
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
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed before the read ended.
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stop.Cancel();
        _producer.Wait();
        _inner.Dispose();
        _stop.Dispose();
        _empty.Dispose();
        _read.Dispose();
    }
}
