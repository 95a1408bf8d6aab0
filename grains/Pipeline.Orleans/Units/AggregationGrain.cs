using Orleans.Runtime;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;
using Pipeline.Orleans.Work;

namespace Pipeline.Orleans.Units;

/// <summary>
/// The aggregation grain (<see cref="IAggregationGrain"/>): loads its <see cref="AggregationWork"/> and the unit outputs
/// it names from the run's work store (by reference in the embedded silo's memory), runs <see cref="AggregateAndWrite"/>
/// — the computation on one of the silo's unit workers, the Parquet writes on every core — and returns the
/// <see cref="AggregationOutcome"/> as its result.
/// </summary>
public sealed class AggregationGrain(UnitWorkers workers, RunWorkStores stores, ILocalSiloDetails silo, UnitFaults faults)
    : UnitGrain(workers, stores, silo, faults), IAggregationGrain
{
    protected override async Task<UnitComputed> ComputeAsync(IRunWorkStore store, UnitAssignment a)
    {
        var work = await store.GetAggregationWorkAsync(a.UnitKey, CancellationToken.None);
        var outputs = await ReadOutputsAsync(store, work, parallel: a.WorkLocation == RunWorkStores.MemoryLocation ? 1 : 8);
        if (!await store.IsOpenAsync(CancellationToken.None)) throw new RunClosedException(a.RunId); // a late duplicate: the run is published
        var (outcome, tables) = await AggregateAndWrite.RunAsync(work.Input, outputs, Stores.OpenStore(work.OutputLocation),
            compute => OnWorkersAsync(1, () =>
            {
                Faults.Apply(a.UnitId);
                return compute();
            }), CancellationToken.None);
        long rowsIn = outputs.Clusters.Sum(o => (long)o.Firms.Length) + outputs.Partitions.Sum(p => (long)p.Firms.Length);
        return new UnitComputed(rowsIn, tables.Firms.Length + tables.Clusters.Length + tables.Regions.Length, outcome.ToJson());
    }

    /// <summary>The unit outputs <paramref name="work"/> names, clusters and partitions each in their order.</summary>
    private static async Task<UnitResults> ReadOutputsAsync(IRunWorkStore store, AggregationWork work, int parallel)
    {
        var clusters = new ClusterUnitOutput[work.ClusterKeys.Count];
        var partitions = new FirmPartitionOutput[work.PartitionKeys.Count];
        var reads = work.ClusterKeys.Select((key, i) => (key, i, cluster: true)).Concat(work.PartitionKeys.Select((key, i) => (key, i, cluster: false)));
        await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (read, ct) =>
        {
            var output = await store.GetOutputAsync(read.key, ct);
            if (read.cluster) clusters[read.i] = output.Cluster!;
            else partitions[read.i] = output.Partition!;
        });
        return new UnitResults(clusters, partitions);
    }
}
