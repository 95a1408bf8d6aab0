using System.Threading.Channels;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;
using Pipeline.Orleans.Units;
using Pipeline.Orleans.Work;

namespace Pipeline.Orleans.Runs;

/// <summary>
/// Runs a plan's units on cluster and firm-partition grains. It stages each unit's input in the run's work store under
/// the unit's content key, then dispatches units largest first, each to the active silo with the most free room (a
/// placement hint, so a burst of new grains is spread evenly and a silo added mid-run takes work), keeping at most
/// two units per worker in flight on a silo. Each call returns when its unit is done or after a short wait, so a
/// lost silo costs its failure detection plus the lost work, never a response timeout per unit: a unit whose silo
/// leaves the cluster is dispatched again, a unit that fails is tried <see cref="GrainEngineOptions.MaxAttempts"/>
/// times before the run fails with its name and error. Finally every output is read back by unit, so the
/// aggregation sees them in plan order whatever the scheduling.
/// </summary>
public sealed class GrainUnitEngine(IGrainFactory grains, RunWorkStores stores, GrainEngineOptions options) : IRunEngine
{
    public string Name => "orleans";

    /// <summary>A cluster unit is giant when its cost is at least total / (GiantShare × workers): it gets every worker of its silo.</summary>
    public const int GiantShare = 8;

    private IRunWorkStore Store => stores.Open(options.WorkLocation, options.RunId);

    public async Task<UnitResults> ExecuteAsync(PartitionedInput input, string inputSha256, IRunObserver observer, CancellationToken ct)
    {
        var plan = input.Plan;
        var keys = await StageAsync(input, inputSha256, observer, ct).ConfigureAwait(false);
        await DispatchAsync(plan, keys, observer, ct).ConfigureAwait(false);
        return await CollectAsync(input, keys, ct).ConfigureAwait(false);
    }

    /// <summary>Removes the run's working files (after it is published).</summary>
    public async Task CleanUpAsync(CancellationToken ct)
    {
        await Store.DeleteAsync(ct).ConfigureAwait(false);
        stores.Release(options.WorkLocation, options.RunId);
    }

    private async Task<string[]> StageAsync(PartitionedInput input, string inputSha256, IRunObserver observer, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var store = Store;
        var plan = input.Plan;
        var context = UnitContextCodec.Encode(input.Context);
        await store.PutContextAsync(input.Context, ct).ConfigureAwait(false);
        if (options.SubmissionRecord is { } record) await store.PutSubmissionAsync(record, ct).ConfigureAwait(false);
        if (plan.Any(u => u is FirmPartitionUnit)) await store.PutCountryAsync(input, ct).ConfigureAwait(false);
        var keys = new string[plan.Count];
        int staged = 0;
        bool memory = options.WorkLocation == RunWorkStores.MemoryLocation;
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count),
            new ParallelOptions { MaxDegreeOfParallelism = memory ? Environment.ProcessorCount : 8, CancellationToken = ct }, async (i, c) =>
            {
                switch (plan[i])
                {
                    case ClusterUnit u:
                        keys[i] = UnitKeys.ForCluster(u.UnitId, input.ClusterInput(u.Cluster), context);
                        if (!await store.HasOutputAsync(keys[i], c).ConfigureAwait(false))
                        {
                            await store.PutClusterInputAsync(keys[i], input, u.Cluster, c).ConfigureAwait(false);
                            Interlocked.Increment(ref staged);
                        }
                        break;
                    case FirmPartitionUnit p:
                        keys[i] = UnitKeys.ForPartition(inputSha256, p.Partition, p.Partitions, context);
                        break;
                }
            }).ConfigureAwait(false);
        observer.Info($"staged {staged:N0} cluster unit inputs ({plan.Count:N0} units) in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        return keys;
    }

    private sealed record UnitEnded(int Index, string Silo, UnitProgress? Progress, string? Lost);

    private async Task DispatchAsync(IReadOnlyList<UnitOfWork> plan, string[] keys, IRunObserver observer, CancellationToken ct)
    {
        var silos = new ActiveSilos(grains);
        await silos.RefreshAsync(force: true).ConfigureAwait(false);
        var pending = new LinkedList<int>(Enumerable.Range(0, plan.Count)); // plan order: largest cost first
        var ended = Channel.CreateUnbounded<UnitEnded>();
        var attempts = new int[plan.Count];
        var losses = new int[plan.Count];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        double totalCost = plan.Sum(u => u.Cost);
        int inFlight = 0, done = 0, reused = 0;
        observer.Progress(RunStage.Compute, 0, plan.Count);

        while (done < plan.Count)
        {
            ct.ThrowIfCancellationRequested();
            await silos.RefreshAsync().ConfigureAwait(false);
            while (pending.First is { } next && silos.TryPick(out var silo, out var address))
            {
                pending.RemoveFirst();
                int i = next.Value;
                // A giant cluster gets every worker of its silo (its Brandes sources are spread over them).
                int parallelism = plan[i] is ClusterUnit && plan[i].Cost >= totalCost / (GiantShare * (double)Math.Max(1, silos.TotalWorkers)) ? silos.Workers(silo) : 1;
                silos.Started(silo);
                inFlight++;
                _ = RunUnitAsync(i, silo, address, parallelism, silos, ended.Writer, ct);
            }
            if (inFlight == 0)
            {
                if (silos.Count == 0) observer.Info("no active silo: waiting for one to join the cluster");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                await silos.RefreshAsync(force: true).ConfigureAwait(false);
                continue;
            }
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
            tick.CancelAfter(TimeSpan.FromSeconds(2));
            UnitEnded e;
            try { e = await ended.Reader.ReadAsync(tick.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { continue; } // refresh the silos and look again
            inFlight--;
            var p = e.Progress;
            silos.Ended(e.Silo, p?.Workers ?? 0, p?.Phase == UnitPhase.Done);
            var unit = plan[e.Index];
            if (p is { Phase: UnitPhase.Done })
            {
                done++;
                if (p.Reused) reused++;
                names[p.Silo] = p.SiloName;
                observer.UnitFinished(new UnitReport(unit, p.SiloName, p.Started, p.Finished, p.RowsIn, p.RowsOut));
                observer.Progress(RunStage.Compute, done, plan.Count);
            }
            else if (p is { Phase: UnitPhase.Failed })
            {
                observer.UnitFinished(new UnitReport(unit, p.SiloName, p.Started, p.Finished, p.RowsIn, 0, p.Error));
                if (++attempts[e.Index] >= options.MaxAttempts)
                    throw new UnitFailedException($"unit {unit.UnitId} failed on every one of {options.MaxAttempts} attempts; last error: {p.Error} (on silo {p.SiloName})");
                observer.Info($"unit {unit.UnitId} failed on silo {p.SiloName} (attempt {attempts[e.Index]} of {options.MaxAttempts}): {p.Error}");
                pending.AddFirst(e.Index);
            }
            else
            {
                if (++losses[e.Index] >= options.MaxLosses)
                    throw new UnitFailedException($"unit {unit.UnitId} was lost {options.MaxLosses} times ({e.Lost}); the cluster is not healthy");
                observer.Info($"unit {unit.UnitId} lost ({e.Lost}); dispatching it again");
                await silos.RefreshAsync(force: true).ConfigureAwait(false);
                pending.AddFirst(e.Index);
            }
        }
        observer.Info($"all {plan.Count:N0} units done ({reused:N0} outputs reused); units per silo: {silos.Summary(s => names.GetValueOrDefault(s, s))}");

        async Task RunUnitAsync(int i, string silo, SiloAddress address, int parallelism, ActiveSilos active, ChannelWriter<UnitEnded> report, CancellationToken token)
        {
            var unit = plan[i];
            IUnitGrain grain = unit is ClusterUnit
                ? grains.GetGrain<IClusterGrain>(UnitGrainKeys.Of(options.RunKey, keys[i]))
                : grains.GetGrain<IFirmPartitionGrain>(UnitGrainKeys.Of(options.RunKey, keys[i]));
            var assignment = new UnitAssignment(options.RunId, options.WorkLocation, unit.UnitId, keys[i], unit is FirmPartitionUnit fp ? fp.Partition : -1,
                parallelism, options.TraceParent);
            var limit = options.UnitWait + options.CallGrace;
            UnitEnded result;
            try
            {
                UnitProgress p;
                RequestContext.Set(IPlacementDirector.PlacementHintKey, address); // where a new activation goes
                try { p = await grain.Start(assignment, options.UnitWait).WaitAsync(limit, token).ConfigureAwait(false); }
                finally { RequestContext.Remove(IPlacementDirector.PlacementHintKey); }
                silo = p.Silo;
                while (p.Phase is UnitPhase.Queued or UnitPhase.Running)
                {
                    if (!active.IsActive(p.Silo)) { p = p with { Phase = UnitPhase.Unknown }; break; }
                    try { p = await grain.Wait(options.UnitWait).WaitAsync(limit, token).ConfigureAwait(false); }
                    catch (TimeoutException) { if (!active.IsActive(p.Silo)) { p = p with { Phase = UnitPhase.Unknown }; break; } }
                }
                result = p.Phase == UnitPhase.Unknown ? new UnitEnded(i, silo, null, $"its silo {p.SiloName} left the cluster") : new UnitEnded(i, silo, p, null);
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                result = new UnitEnded(i, silo, null, e is TimeoutException ? "no answer from its silo" : e.Message);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await report.WriteAsync(result, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<UnitResults> CollectAsync(PartitionedInput input, string[] keys, CancellationToken ct)
    {
        var plan = input.Plan;
        var store = Store;
        var clusters = new ClusterUnitOutput?[input.Data.Clusters.Length];
        var partitions = new FirmPartitionOutput?[input.Country.PartitionFirms.Length];
        bool memory = options.WorkLocation == RunWorkStores.MemoryLocation;
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count), new ParallelOptions { MaxDegreeOfParallelism = memory ? 1 : 8, CancellationToken = ct }, async (i, c) =>
        {
            var output = await store.GetOutputAsync(keys[i], c).ConfigureAwait(false);
            switch (plan[i])
            {
                case ClusterUnit u: clusters[u.Cluster] = output.Cluster; break;
                case FirmPartitionUnit p: partitions[p.Partition] = output.Partition; break;
            }
        }).ConfigureAwait(false);
        store.ReleaseInputs();
        return new UnitResults([.. clusters.Select(o => o!)], [.. partitions.Select(o => o!)]);
    }
}
