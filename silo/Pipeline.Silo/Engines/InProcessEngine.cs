using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;

namespace Pipeline.Silo.Engines;

/// <summary>
/// The embedded engine: runs every unit of a plan in this process on all cores, largest cost first, so one big
/// cluster starts early instead of leaving a core idle at the end. A giant cluster unit — at least
/// 1/(<see cref="GiantShare"/>·cores) of the plan's total cost — is first run alone with all cores working on its
/// Brandes sources, so it cannot become the one long task at the end. Results are collected by unit and the
/// betweenness reduction order is fixed, so their order and the output bytes do not depend on scheduling.
/// </summary>
public sealed class InProcessEngine(int? maxDegreeOfParallelism = null) : IRunEngine
{
    public string Name => "in-process";

    public int Parallelism { get; } = Math.Max(1, maxDegreeOfParallelism ?? Environment.ProcessorCount);

    /// <summary>A cluster unit is giant when its cost is at least total / (GiantShare × cores).</summary>
    public const int GiantShare = 8;

    private static readonly string Host = Environment.MachineName;

    public Task<UnitResults> ExecuteAsync(PartitionedInput input, IRunObserver observer, CancellationToken ct) =>
        Task.Run(() => Execute(input, observer, ct), ct);

    private UnitResults Execute(PartitionedInput input, IRunObserver observer, CancellationToken ct)
    {
        var plan = input.Plan;
        var clusterOutputs = new ClusterUnitOutput?[input.Data.Clusters.Length];
        var partitionOutputs = new FirmPartitionOutput?[input.Country.PartitionFirms.Length];
        long done = 0;
        int next = -1;
        observer.Progress(RunStage.Compute, 0, plan.Count);

        // Giant cluster units first, one at a time, each on all cores.
        double total = 0;
        foreach (var u in plan) total += u.Cost;
        int giants = 0;
        while (Parallelism > 1 && giants < plan.Count && plan[giants] is ClusterUnit g && g.Cost >= total / (GiantShare * Parallelism))
        {
            ct.ThrowIfCancellationRequested();
            RunUnit(giants++, Parallelism);
        }
        next = giants - 1;

        // Workers take units in plan order (largest first) from a shared counter.
        var workers = new Thread[Parallelism];
        Exception? failure = null;
        for (int w = 0; w < workers.Length; w++)
        {
            workers[w] = new Thread(() =>
            {
                try
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < plan.Count && Volatile.Read(ref failure) is null)
                    {
                        ct.ThrowIfCancellationRequested();
                        RunUnit(i, 1);
                    }
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }, maxStackSize: 16 << 20) { IsBackground = true, Name = $"unit-worker-{w}" };
            workers[w].Start();
        }
        foreach (var t in workers) t.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        ct.ThrowIfCancellationRequested();
        return new UnitResults([.. clusterOutputs.Select(o => o!)], [.. partitionOutputs.Select(o => o!)]);

        // One unit, its outputs stored by unit (not by finishing order), reported to the observer.
        void RunUnit(int i, int parallelism)
        {
            var started = DateTimeOffset.UtcNow;
            long rowsIn = 0, rowsOut = 0;
            try
            {
                switch (plan[i])
                {
                    case ClusterUnit c:
                        var unitInput = input.ClusterInput(c.Cluster);
                        var output = clusterOutputs[c.Cluster] = ClusterGrain.Compute(unitInput, input.Context, parallelism);
                        (rowsIn, rowsOut) = (unitInput.Firms.Length + unitInput.Links.Length, output.Firms.Length + 1);
                        break;
                    case FirmPartitionUnit p:
                        var part = partitionOutputs[p.Partition] = FirmPartitionGrain.Compute(p.Partition, input.Country);
                        (rowsIn, rowsOut) = (input.Country.PartitionFirms[p.Partition].Length, part.Firms.Length);
                        break;
                }
            }
            catch (Exception e)
            {
                observer.UnitFinished(new UnitReport(plan[i], Host, started, DateTimeOffset.UtcNow, rowsIn, 0, e.Message));
                throw;
            }
            observer.UnitFinished(new UnitReport(plan[i], Host, started, DateTimeOffset.UtcNow, rowsIn, rowsOut));
            observer.Progress(RunStage.Compute, Interlocked.Increment(ref done), plan.Count);
        }
    }
}
