using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;

namespace Pipeline.Grains.Runs;

/// <summary>The outputs of all units of a run, handed to the aggregation.</summary>
public sealed record UnitResults(IReadOnlyList<ClusterUnitOutput> Clusters, IReadOnlyList<FirmPartitionOutput> Partitions);

/// <summary>
/// Runs the units of work of a plan somewhere — on the grains of an embedded silo or of a cluster of silos — and returns
/// their outputs. Engines differ only in where units run; the units and their results are the same.
/// </summary>
public interface IRunEngine
{
    string Name { get; }

    /// <summary>Runs every unit of <paramref name="input"/>'s plan (an input whose files hash to <paramref name="inputSha256"/>);
    /// reports <see cref="RunStage.Compute"/> progress per unit.</summary>
    Task<UnitResults> ExecuteAsync(PartitionedInput input, string inputSha256, IRunObserver observer, CancellationToken ct);
}
