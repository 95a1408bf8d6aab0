using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Grains.Units;
using Pipeline.Silo.Broker;
using Pipeline.Silo.Staging;
using Pipeline.Storage;

namespace Pipeline.Silo.Hosting;

/// <summary>What became of a work item on this silo.</summary>
public enum WorkItemOutcome { Computed, AlreadyDone, RunAborted }

/// <summary>The result of executing one work item: outcome and where its time went.</summary>
public sealed record WorkItemReport(WorkItemOutcome Outcome, long Firms, TimeSpan Compute, TimeSpan Staging);

/// <summary>
/// Executes a work item against the run's object store: skips it if the run was aborted or its output exists
/// (a redelivery after a crash or a duplicate from <c>--resume</c>), else reads its staged input (and the run's
/// context and country index, cached per run), runs each unit's grain and writes the item's output in one object
/// whose bytes depend only on the input, so a re-execution anywhere writes the same bytes.
/// </summary>
public sealed class WorkItemExecutor(string? failUnit = null, int delayMs = 0)
{
    private readonly ConcurrentDictionary<string, IObjectStore> _stores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<ClusterUnitContext>>> _contexts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<CountryIndex>>> _countries = new(StringComparer.Ordinal);

    public async Task<WorkItemReport> ExecuteAsync(WorkItemMessage item, CancellationToken ct)
    {
        var staging = Stopwatch.StartNew();
        var store = _stores.GetOrAdd(item.Output, ObjectStores.Open);
        var layout = new WorkLayout(item.RunId);
        if (await store.GetInfoAsync(layout.Abort, ct).ConfigureAwait(false) is not null)
            return new WorkItemReport(WorkItemOutcome.RunAborted, 0, TimeSpan.Zero, staging.Elapsed);
        var outputName = layout.Output(item.Item);
        if (await store.GetInfoAsync(outputName, ct).ConfigureAwait(false) is not null)
            return new WorkItemReport(WorkItemOutcome.AlreadyDone, item.Firms, TimeSpan.Zero, staging.Elapsed);

        List<StagedUnit> units;
        await using (var s = await store.OpenReadAsync(layout.Input(item.Item), ct).ConfigureAwait(false))
            units = WorkItemInputCodec.Decode(s);
        var context = await Cached(_contexts, item.RunId, () => ReadAsync(store, layout.Context, UnitContextCodec.Decode)).ConfigureAwait(false);
        CountryIndex? country = null;
        if (units.Any(u => u is StagedPartition))
            country = await Cached(_countries, item.RunId, () => ReadAsync(store, layout.Country, CountryIndexCodec.Decode)).ConfigureAwait(false);
        staging.Stop();

        var compute = Stopwatch.StartNew();
        var output = await OnLargeStack(() => Compute(units, context, country)).ConfigureAwait(false);
        if (delayMs > 0) await Task.Delay(delayMs, ct).ConfigureAwait(false);
        compute.Stop();

        staging.Start();
        await store.WriteAsync(outputName, new MemoryStream(WorkItemOutputCodec.Encode(output)), null, ct).ConfigureAwait(false);
        staging.Stop();
        return new WorkItemReport(WorkItemOutcome.Computed, item.Firms, compute.Elapsed, staging.Elapsed);
    }

    private WorkItemOutput Compute(List<StagedUnit> units, ClusterUnitContext context, CountryIndex? country)
    {
        var clusters = new List<(string, ClusterUnitOutput)>();
        var partitions = new List<(string, FirmPartitionOutput)>();
        foreach (var u in units)
        {
            if (failUnit is not null && u.UnitId == failUnit)
                throw new InvalidOperationException($"fault injected into unit {u.UnitId} (Silo:FailUnit)");
            switch (u)
            {
                case StagedCluster c: clusters.Add((c.UnitId, ClusterGrain.Compute(c.Input, context))); break;
                case StagedPartition p: partitions.Add((p.UnitId, FirmPartitionGrain.Compute(p.Partition, country!))); break;
            }
        }
        return new WorkItemOutput(clusters, partitions);
    }

    private static async Task<T> ReadAsync<T>(IObjectStore store, string name, Func<Stream, T> decode)
    {
        await using var s = await store.OpenReadAsync(name).ConfigureAwait(false);
        return decode(s);
    }

    /// <summary>One cached value per run; only the two most recent runs are kept (a silo serves runs one after another).</summary>
    private static Task<T> Cached<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string runId, Func<Task<T>> load)
    {
        if (cache.Count > 2 && !cache.ContainsKey(runId))
            foreach (var key in cache.Keys.Take(cache.Count - 1)) cache.TryRemove(key, out _);
        var lazy = cache.GetOrAdd(runId, _ => new Lazy<Task<T>>(load));
        var task = lazy.Value;
        if (task.IsFaulted) cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(runId, lazy)); // retry on the next item
        return task;
    }

    /// <summary>Runs a grain on its own thread with a 16 MB stack, as the in-process engine does.</summary>
    private static Task<T> OnLargeStack<T>(Func<T> body)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { tcs.SetResult(body()); }
            catch (Exception e) { tcs.SetException(e); }
        }, maxStackSize: 16 << 20) { IsBackground = true, Name = "grain" };
        thread.Start();
        return tcs.Task;
    }
}
