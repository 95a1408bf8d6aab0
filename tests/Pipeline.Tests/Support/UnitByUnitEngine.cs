using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;
using Pipeline.Orleans.Runs;
using Pipeline.Storage;

namespace Pipeline.Tests.Support;

/// <summary>
/// A test engine for the coordinator's own tests (publish, replace, current.json, input formats): it computes the
/// plan's units one after another in this process through the same pure unit functions the grains call, a giant
/// cluster with <paramref name="parallelism"/> threads as <see cref="GrainUnitEngine"/> gives it, and aggregates
/// through the same <see cref="AggregateAndWrite"/> as the aggregation grain, keeping the tables it computed
/// (<see cref="Tables"/>). The product's engine — grains on an embedded silo or a cluster — is tested through the
/// CLI and in Pipeline.Distributed.Tests.
/// </summary>
public sealed class UnitByUnitEngine(int parallelism = 1) : IRunEngine
{
    public string Name => "orleans";

    /// <summary>The metric tables of the last run aggregated.</summary>
    public MetricTables? Tables { get; private set; }

    private sealed class InProcessUnits(UnitResults results) : ComputedUnits
    {
        public UnitResults Results => results;
    }

    public Task<ComputedUnits> ExecuteAsync(PartitionedInput input, string inputSha256, IRunObserver observer, CancellationToken ct)
    {
        var clusters = new ClusterUnitOutput[input.Data.Clusters.Length];
        var partitions = new FirmPartitionOutput[input.Country.PartitionFirms.Length];
        double total = input.Plan.Sum(u => u.Cost);
        foreach (var unit in input.Plan)
        {
            ct.ThrowIfCancellationRequested();
            switch (unit)
            {
                case ClusterUnit c:
                    int threads = c.Cost >= total / (GrainUnitEngine.GiantShare * parallelism) ? parallelism : 1;
                    clusters[c.Cluster] = ClusterComputation.Compute(input.ClusterInput(c.Cluster), input.Context, threads);
                    break;
                case FirmPartitionUnit p:
                    partitions[p.Partition] = FirmPartitionComputation.Compute(p.Partition, input.Country);
                    break;
            }
        }
        return Task.FromResult<ComputedUnits>(new InProcessUnits(new UnitResults(clusters, partitions)));
    }

    public async Task<AggregationOutcome> AggregateAsync(ComputedUnits units, AggregationInput input, IObjectStore output, IRunObserver observer, CancellationToken ct)
    {
        var (outcome, tables) = await AggregateAndWrite.RunAsync(input, ((InProcessUnits)units).Results, output, compute => Task.FromResult(compute()), ct);
        Tables = tables;
        return outcome;
    }
}
