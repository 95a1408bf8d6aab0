using System.Runtime.ExceptionServices;

namespace Pipeline.Parquet.Writing;

/// <summary>
/// Encodes staged batches of rows into the column chunk writers while the caller stages the next batch: two sets of
/// <see cref="StagedColumn"/>s are swapped at each <see cref="Submit"/>, and the submitted batch is encoded on the
/// thread pool with its columns in parallel (at most <c>parallelism</c> at once). Batches are encoded strictly in
/// order (a submit first waits for the previous one), so the bytes are those of a sequential encoder. With
/// parallelism 1 every batch is encoded on the caller's thread.
/// </summary>
internal sealed class BatchEncoder : IDisposable
{
    private readonly ColumnChunkWriter[] _columns;
    private readonly int _parallelism;
    private StagedColumn[] _spare;
    private Task _pending = Task.CompletedTask;

    public BatchEncoder(ParquetSchema schema, ParquetWriterOptions options, int batchRows)
    {
        int n = schema.Columns.Count;
        _parallelism = options.MaxDegreeOfParallelism;
        _columns = new ColumnChunkWriter[n];
        Staging = new StagedColumn[n];
        _spare = new StagedColumn[n];
        for (int i = 0; i < n; i++)
        {
            _columns[i] = new ColumnChunkWriter(schema.Columns[i], options);
            Staging[i] = new StagedColumn(schema.Columns[i], batchRows);
            _spare[i] = new StagedColumn(schema.Columns[i], batchRows);
        }
    }

    /// <summary>The column chunks of the row group being filled (read them only after <see cref="Wait"/>).</summary>
    public IReadOnlyList<ColumnChunkWriter> Columns => _columns;

    /// <summary>Where the caller stages the current batch's values.</summary>
    public StagedColumn[] Staging { get; private set; }

    /// <summary>Starts encoding the first <paramref name="rows"/> staged rows and hands the caller a fresh staging set.</summary>
    public void Submit(int rows)
    {
        Wait();
        if (rows == 0) return;
        var batch = Staging;
        Staging = _spare;
        _spare = batch;
        if (_parallelism == 1 || _columns.Length == 1) Encode(batch, rows);
        else _pending = Task.Run(() => Encode(batch, rows));
    }

    /// <summary>Waits for the batch being encoded; its failure is rethrown here as itself.</summary>
    public void Wait()
    {
        var pending = _pending;
        if (pending.IsCompletedSuccessfully) return;
        _pending = Task.CompletedTask;
        try { pending.Wait(); }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0) { ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw(); }
    }

    private void Encode(StagedColumn[] batch, int rows) =>
        ParallelColumns.For(_columns.Length, rows < 1024 ? 1 : _parallelism, i => _columns[i].AddStaged(batch[i], rows));

    /// <summary>Waits for the batch in flight (ignoring its failure) and returns every pooled buffer.</summary>
    public void Dispose()
    {
        try { _pending.Wait(); } catch (AggregateException) { }
        foreach (var c in _columns) c.Dispose();
        foreach (var s in Staging) s.Dispose();
        foreach (var s in _spare) s.Dispose();
    }
}
