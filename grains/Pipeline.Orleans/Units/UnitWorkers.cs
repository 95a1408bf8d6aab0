using System.Collections.Concurrent;

namespace Pipeline.Orleans.Units;

/// <summary>
/// A silo's pool of unit workers: <see cref="Count"/> long-lived threads (one per core by default, <c>Silo:Workers</c>)
/// with 16 MB stacks compute units, never the Orleans scheduler, so the metric kernels' per-thread scratch arrays are
/// reused from unit to unit. A unit asks for 1 slot, a giant cluster for all of them (its Brandes sources are spread
/// over that many threads); slots are granted first come, first served, so a giant waiting for every slot is not
/// starved by small units arriving after it.
/// </summary>
public sealed class UnitWorkers : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _admission = new(1, 1);
    private readonly BlockingCollection<Action> _queue = new();

    public UnitWorkers(int count)
    {
        Count = count;
        _slots = new SemaphoreSlim(count, count);
        for (int i = 0; i < count; i++)
            new Thread(Work, maxStackSize: 16 << 20) { IsBackground = true, Name = $"unit-worker-{i}" }.Start();
    }

    public int Count { get; }

    public async Task<T> RunAsync<T>(int slots, Func<T> body, CancellationToken ct = default)
    {
        slots = Math.Clamp(slots, 1, Count);
        int taken = 0;
        await _admission.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (; taken < slots; taken++) await _slots.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            if (taken > 0) _slots.Release(taken);
            throw;
        }
        finally
        {
            _admission.Release();
        }
        // At most Count units hold a slot, so a worker thread is free for this one.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try { done.SetResult(body()); }
            catch (Exception e) { done.SetException(e); }
        }, CancellationToken.None);
        try
        {
            return await done.Task.ConfigureAwait(false);
        }
        finally
        {
            _slots.Release(slots);
        }
    }

    /// <summary>
    /// A worker thread's loop. The unit it ran last is let go before it waits for the next: a consuming enumerator
    /// would keep its current item (the unit's closure, and with it e.g. the country index of a firm partition) alive
    /// while the thread idles, which kept ~2 GB of a national run's graphs alive through aggregation.
    /// </summary>
    private void Work()
    {
        while (_queue.TryTake(out var unit, Timeout.Infinite))
        {
            unit();
            unit = null;
        }
    }

    public void Dispose() => _queue.CompleteAdding();
}
