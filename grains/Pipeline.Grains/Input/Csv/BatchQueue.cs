namespace Pipeline.Grains.Input.Csv;

/// <summary>
/// Hands <see cref="RowBatch"/>es from one thread to another in order. A side with nothing to take sleeps until a batch
/// is added (or the queue is closed) instead of spinning: the two sides of a pipelined read run at different speeds,
/// and the waiting one would otherwise burn the core the other, or the table read beside it, needs.
/// Holds at most the few batches of one read, so adding never allocates.
/// </summary>
internal sealed class BatchQueue(int capacity)
{
    private readonly Queue<RowBatch> _batches = new(capacity);
    private bool _closed;

    public void Add(RowBatch batch)
    {
        lock (_batches)
        {
            _batches.Enqueue(batch);
            Monitor.Pulse(_batches);
        }
    }

    /// <summary>The oldest batch, waiting for one if need be; null once the queue is closed and empty.</summary>
    public RowBatch? Take()
    {
        lock (_batches)
        {
            while (_batches.Count == 0)
            {
                if (_closed) return null;
                Monitor.Wait(_batches);
            }
            return _batches.Dequeue();
        }
    }

    /// <summary>Wakes a waiting <see cref="Take"/> to return null: its side is to stop.</summary>
    public void Close()
    {
        lock (_batches)
        {
            _closed = true;
            Monitor.PulseAll(_batches);
        }
    }
}
