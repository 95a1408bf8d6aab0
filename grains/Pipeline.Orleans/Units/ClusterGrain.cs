using Orleans.Runtime;
using Pipeline.Grains.Units;
using Pipeline.Orleans.Work;

namespace Pipeline.Orleans.Units;

/// <summary>The cluster unit grain: <see cref="ClusterComputation.Compute"/> on the cluster's firms and internal links.</summary>
public sealed class ClusterGrain(UnitWorkers workers, RunWorkStores stores, ILocalSiloDetails silo, UnitFaults faults)
    : UnitGrain(workers, stores, silo, faults), IClusterGrain
{
    protected override async Task<UnitComputed> ComputeAsync(IRunWorkStore store, UnitAssignment a)
    {
        // The input may view pooled arrays (cut in this process): given back when this method ends, after the
        // output is computed and stored (the output copies values, never the input's arrays).
        using var input = await store.GetClusterInputAsync(a.UnitKey, CancellationToken.None);
        var context = await store.GetContextAsync(CancellationToken.None);
        int parallelism = Math.Clamp(a.Parallelism, 1, Workers.Count);
        var output = await OnWorkersAsync(parallelism, () =>
        {
            Faults.Apply(a.UnitId);
            return ClusterComputation.Compute(input, context, parallelism);
        });
        if (!await store.IsOpenAsync(CancellationToken.None)) throw new RunClosedException(a.RunId); // a late duplicate: the run has its outputs
        await store.PutOutputAsync(a.UnitKey, new UnitOutput(output, null), CancellationToken.None);
        return new UnitComputed(input.Firms.Length + input.Links.Length, output.Firms.Length + 1);
    }
}
