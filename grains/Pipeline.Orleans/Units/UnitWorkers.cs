namespace Pipeline.Orleans.Units;

/// <summary>
/// A silo's pool of unit workers: at most <see cref="Count"/> worker threads compute at once (one per core by
/// default, <c>Silo:Workers</c>). A unit asks for 1 slot, a giant cluster for all of them (its Brandes sources are
/// spread over its threads). Each unit computes on a thread of its own with a 16 MB stack (deep recursion-free but
/// large frames in the graph kernels), never on the Orleans scheduler.
/// </summary>
public sealed class UnitWorkers(int count)
{
    private readonly SemaphoreSlim _slots = new(count, count);
    private readonly SemaphoreSlim _admission = new(1, 1); // first come, first served: a giant waiting for all slots is not starved

    public int Count { get; } = count;

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
        try
        {
            return await OnOwnThread(body).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release(slots);
        }
    }

    private static Task<T> OnOwnThread<T>(Func<T> body)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { done.SetResult(body()); }
            catch (Exception e) { done.SetException(e); }
        }, maxStackSize: 16 << 20) { IsBackground = true, Name = "unit-worker" };
        thread.Start();
        return done.Task;
    }
}
