using System.Threading.Channels;
using Orleans;
using Orleans.Runtime;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;
using Pipeline.Orleans.Units;
using Pipeline.Orleans.Work;
using Pipeline.Storage;

namespace Pipeline.Orleans.Runs;

/// <summary>
/// Runs a plan's units on cluster and firm-partition grains. It dispatches units largest first, each to the active
/// silo with the most free room, staging each unit's input under its content key just before (<see cref="UnitStaging"/>:
/// in the coordinator's memory for a unit going to the coordinator's own silo, in the run's work store for a unit
/// going to another silo), so the first units compute while the others are still being staged (a
/// placement hint, so a burst of new grains is spread evenly and a silo added mid-run takes work), keeping at most
/// two units per worker in flight on a silo. Each call returns when its unit is done or after a short wait, so a
/// lost silo costs its failure detection plus the lost work, never a response timeout per unit: a unit whose silo
/// leaves the cluster is dispatched again, a unit that fails is tried <see cref="GrainEngineOptions.MaxAttempts"/>
/// times before the run fails with its name and error. The outputs stay in the work store: the aggregation
/// (<see cref="IAggregationGrain"/>) is dispatched the same way, reads them there by their keys in input order
/// whatever the scheduling, writes the metric tables itself, and hands back only their write results and highlights.
/// </summary>
public sealed class GrainUnitEngine(IGrainFactory grains, RunWorkStores stores, GrainEngineOptions options) : IRunEngine
{
    public string Name => "orleans";

    /// <summary>A cluster unit is giant when its cost is at least total / (GiantShare × workers): it gets every worker of its silo.</summary>
    public const int GiantShare = 8;

    /// <summary>How long a silo gets no new unit after a unit was lost on it (<see cref="ActiveSilos.Suspect"/>).</summary>
    public static readonly TimeSpan SuspectAfterLoss = TimeSpan.FromSeconds(5);

    private IRunWorkStore Store => stores.Hold(options.WorkLocation, options.RunId); // the coordinator's: released by CleanUpAsync or ReleaseAfterFailure

    public async Task<ComputedUnits> ExecuteAsync(PartitionedInput input, string inputSha256, IRunObserver observer, CancellationToken ct)
    {
        var plan = input.Plan;
        var staging = await PrepareAsync(input, inputSha256, ct).ConfigureAwait(false);
        await DispatchAsync(plan, staging, observer, ct).ConfigureAwait(false);
        Store.ReleaseInputs();
        var clusters = new string[input.Data.Clusters.Length];
        var partitions = new string[input.Country.PartitionFirms.Length];
        for (int i = 0; i < plan.Count; i++)
        {
            if (plan[i] is ClusterUnit u) clusters[u.Cluster] = staging.Key(i);
            else partitions[((FirmPartitionUnit)plan[i]).Partition] = staging.Key(i);
        }
        return new UnitOutputKeys(clusters, partitions);
    }

    /// <summary>
    /// Stages the aggregation's input under its content key and dispatches it like a unit to a silo other than the
    /// coordinator's (if the cluster has another one): dispatched again when its silo is lost, tried <see cref="GrainEngineOptions.MaxAttempts"/> times when it fails.
    /// </summary>
    public async Task<AggregationOutcome> AggregateAsync(ComputedUnits units, AggregationInput input, IObjectStore output, IRunObserver observer, CancellationToken ct)
    {
        var outputs = (UnitOutputKeys)units;
        var work = new AggregationWork(input, options.OutputLocation, outputs.Clusters, outputs.Partitions);
        var key = UnitKeys.ForAggregation(work);
        await Store.PutAggregationWorkAsync(key, work, ct).ConfigureAwait(false);
        var grain = grains.GetGrain<IAggregationGrain>(UnitGrainKeys.Of(options.RunKey, key));
        var assignment = new UnitAssignment(options.RunId, options.WorkLocation, AggregationUnitId, key, -1, 1, options.TraceParent);
        var silos = new ActiveSilos(grains);
        int attempts = 0, losses = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await silos.RefreshAsync(force: true).ConfigureAwait(false);
            if (!silos.TryPick(out var silo, out var address, besides: options.CoordinatorSilo))
            {
                observer.Info("no active silo: waiting for one to join the cluster");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                continue;
            }
            UnitCall.Ended ended;
            using (var calling = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                var refreshing = KeepRefreshingAsync(silos, calling.Token); // the aggregation's silo is watched while it runs
                try
                {
                    ended = await UnitCall.RunAsync(grain, assignment, silo, address, silos, options,
                        p => observer.Info($"the aggregation runs on silo {p.SiloName}"), ct).ConfigureAwait(false);
                }
                finally
                {
                    calling.Cancel();
                    await refreshing.ConfigureAwait(false);
                }
            }
            if (ended.Progress is { Phase: UnitPhase.Done } p)
            {
                observer.Info($"aggregated on silo {p.SiloName}: firm, cluster and region metrics written from there");
                return AggregationOutcome.FromJson(p.Result!);
            }
            if (ended.Progress is { } failed)
            {
                if (++attempts >= options.MaxAttempts)
                    throw new UnitFailedException($"the aggregation failed on every one of {options.MaxAttempts} attempts; last error: {failed.Error} (on silo {failed.SiloName})");
                observer.Info($"the aggregation failed on silo {failed.SiloName} (attempt {attempts} of {options.MaxAttempts}): {failed.Error}");
            }
            else
            {
                if (++losses >= options.MaxLosses)
                    throw new UnitFailedException($"the aggregation was lost {options.MaxLosses} times ({ended.Lost}); the cluster is not healthy");
                observer.Info($"the aggregation was lost ({ended.Lost}); dispatching it again");
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false); // its silo's peers may not have declared it dead yet
            }
        }
    }

    /// <summary>Refreshes <paramref name="silos"/> every couple of seconds until <paramref name="stop"/>.</summary>
    private static async Task KeepRefreshingAsync(ActiveSilos silos, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop).ConfigureAwait(false);
                await silos.RefreshAsync(force: true).ConfigureAwait(false);
            }
            catch (Exception) when (!stop.IsCancellationRequested) { } // the management grain did not answer: the next refresh may
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>The aggregation's name where units are named (fault drills, traces).</summary>
    public const string AggregationUnitId = "aggregate";

    /// <summary>
    /// A run that failed (or whose coordinator stops here) lets go of this silo's store and the unit inputs it kept in
    /// memory; the run's files stay in the work store for <c>--resume</c>.
    /// </summary>
    public void ReleaseAfterFailure() => stores.Release(options.WorkLocation, options.RunId);

    /// <summary>Removes the run's working files (after it is published).</summary>
    public async Task CleanUpAsync(CancellationToken ct)
    {
        await Store.DeleteAsync(ct).ConfigureAwait(false);
        stores.Release(options.WorkLocation, options.RunId);
    }

    /// <summary>
    /// Puts what every unit reads (the context, the submission record) in the work store and keeps the country index
    /// in the coordinator's memory for the firm partitions; each unit's own input is staged when it is dispatched
    /// (<see cref="UnitStaging"/>, which also puts the country index in the store if a firm partition is dispatched again).
    /// </summary>
    private async Task<UnitStaging> PrepareAsync(PartitionedInput input, string inputSha256, CancellationToken ct)
    {
        var store = Store;
        await store.PutContextAsync(input.Context, ct).ConfigureAwait(false);
        if (options.SubmissionRecord is { } record) await store.PutSubmissionAsync(record, ct).ConfigureAwait(false);
        if (input.Plan.Any(u => u is FirmPartitionUnit)) store.KeepCountry(input);
        return new UnitStaging(input, inputSha256, UnitContextCodec.Encode(input.Context));
    }

    /// <summary>How a dispatch of unit <c>Index</c> ended; <c>Reused</c> when its output was already stored before it was dispatched.</summary>
    private sealed record UnitEnded(int Index, string Dispatched, string Silo, UnitProgress? Progress, string? Lost, bool Reused = false);

    private async Task DispatchAsync(IReadOnlyList<UnitOfWork> plan, UnitStaging staging, IRunObserver observer, CancellationToken ct)
    {
        var silos = new ActiveSilos(grains);
        await silos.RefreshAsync(force: true).ConfigureAwait(false);
        var pending = new LinkedList<int>(Enumerable.Range(0, plan.Count)); // plan order: largest cost first
        var ended = Channel.CreateUnbounded<UnitEnded>();
        var attempts = new int[plan.Count];
        var losses = new int[plan.Count];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var dispatched = new bool[plan.Count];
        double totalCost = plan.Sum(u => u.Cost);
        int inFlight = 0, done = 0, reused = 0;
        observer.Progress(RunStage.Compute, 0, plan.Count);

        while (done < plan.Count)
        {
            ct.ThrowIfCancellationRequested();
            await silos.RefreshAsync().ConfigureAwait(false);
            for (var next = pending.First; next is not null;)
            {
                int i = next.Value;
                // A firm partition goes to the coordinator's silo, which holds the country index in memory (another
                // silo would first read and decode all of it: seconds for one partition's fraction of a second).
                string? only = plan[i] is FirmPartitionUnit && !dispatched[i] ? options.CoordinatorSilo : null;
                if (!silos.TryPick(out var silo, out var address, only: only))
                {
                    if (only is null) break; // no silo has room
                    next = next.Next; // the coordinator's silo is full: look for a unit another silo can take
                    continue;
                }
                var taken = next;
                next = next.Next;
                pending.Remove(taken);
                // A giant cluster gets every worker of its silo (its Brandes sources are spread over them).
                int parallelism = plan[i] is ClusterUnit && plan[i].Cost >= totalCost / (GiantShare * (double)Math.Max(1, silos.TotalWorkers)) ? silos.Workers(silo) : 1;
                silos.Started(silo);
                inFlight++;
                bool again = dispatched[i];
                dispatched[i] = true;
                _ = Task.Run(() => RunUnitAsync(i, silo, address, parallelism, again, silos, ended.Writer, ct), CancellationToken.None);
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
            silos.Ended(e.Dispatched, e.Silo, p?.Workers ?? 0, p?.Phase == UnitPhase.Done, p?.Computing ?? default);
            var unit = plan[e.Index];
            if (p is { Phase: UnitPhase.Done })
            {
                done++;
                if (p.Reused || e.Reused) reused++;
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
                silos.Suspect(e.Silo, SuspectAfterLoss);
                await silos.RefreshAsync(force: true).ConfigureAwait(false);
                pending.AddFirst(e.Index);
            }
        }
        observer.Info($"all {plan.Count:N0} units done ({reused:N0} outputs reused); units per silo (their computation's time on its workers): {silos.Summary(s => names.GetValueOrDefault(s, s))}; {staging.Summary}");

        async Task RunUnitAsync(int i, string silo, SiloAddress address, int parallelism, bool again, ActiveSilos active, ChannelWriter<UnitEnded> report, CancellationToken token)
        {
            var unit = plan[i];
            bool reused;
            try { reused = await staging.StageAsync(Store, i, local: silo == options.CoordinatorSilo, again, token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // Its input could not be staged (the storage account did not answer): a failed attempt of the unit.
                var now = DateTimeOffset.UtcNow;
                var failed = new UnitProgress(UnitPhase.Failed, silo, 0, Started: now, Finished: now, Error: $"staging its input failed: {e.Message}", SiloName: "coordinator");
                await report.WriteAsync(new UnitEnded(i, silo, silo, failed, null), CancellationToken.None).ConfigureAwait(false);
                return;
            }
            var key = staging.Key(i);
            IUnitGrain grain = unit is ClusterUnit
                ? grains.GetGrain<IClusterGrain>(UnitGrainKeys.Of(options.RunKey, key))
                : grains.GetGrain<IFirmPartitionGrain>(UnitGrainKeys.Of(options.RunKey, key));
            var assignment = new UnitAssignment(options.RunId, options.WorkLocation, unit.UnitId, key, unit is FirmPartitionUnit fp ? fp.Partition : -1,
                parallelism, options.TraceParent);
            UnitCall.Ended ended;
            try { ended = await UnitCall.RunAsync(grain, assignment, silo, address, active, options, null, token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            await report.WriteAsync(new UnitEnded(i, silo, ended.Silo, ended.Progress, ended.Lost, reused), CancellationToken.None).ConfigureAwait(false);
        }
    }
}
