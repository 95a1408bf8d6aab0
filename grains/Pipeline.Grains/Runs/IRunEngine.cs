using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;
using Pipeline.Storage;

namespace Pipeline.Grains.Runs;

/// <summary>The outputs of all units of a run, in cluster and firm partition order, as the aggregation reads them.</summary>
public sealed record UnitResults(IReadOnlyList<ClusterUnitOutput> Clusters, IReadOnlyList<FirmPartitionOutput> Partitions);

/// <summary>
/// Runs the units of work of a plan somewhere — on the grains of an embedded silo or of a cluster of silos — and then
/// their aggregation, the run's reduce and sink. Engines differ only in where units and aggregation run; the units,
/// their results and the tables written are the same.
/// </summary>
public interface IRunEngine
{
    string Name { get; }

    /// <summary>Runs every unit of <paramref name="input"/>'s plan (an input whose files hash to <paramref name="inputSha256"/>);
    /// reports <see cref="RunStage.Compute"/> progress per unit. The outputs stay with the engine.</summary>
    Task<ComputedUnits> ExecuteAsync(PartitionedInput input, string inputSha256, IRunObserver observer, CancellationToken ct);

    /// <summary>
    /// Aggregates the outputs of <paramref name="units"/> (<see cref="AggregateAndWrite"/>): computes the metric tables
    /// and writes them as Parquet to the run's folder in <paramref name="output"/> (the grain engine's silos open the
    /// same output by its location), returning only what the manifest and the client's summary need.
    /// </summary>
    Task<AggregationOutcome> AggregateAsync(ComputedUnits units, AggregationInput input, IObjectStore output, IRunObserver observer, CancellationToken ct);
}
