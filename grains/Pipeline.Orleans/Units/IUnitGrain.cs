using Orleans;

namespace Pipeline.Orleans.Units;

/// <summary>
/// A unit of work of a run as an Orleans grain, keyed <c>RUN_KEY/UNIT_KEY</c> (<see cref="UnitGrainKeys"/>): the unit
/// reads its input from the run's work store, computes on the silo's bounded worker pool (off the grain scheduler,
/// so Orleans' own timers and liveness probes keep running), and stores its output under its content key.
/// Calls never stay open for a unit's whole computation: <see cref="Start"/> and <see cref="Wait"/> return when the
/// unit is done or after at most the wait they are given, whichever comes first; the run polls again.
/// </summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>Starts the unit unless it is queued, running or done already; returns its progress when done or after <paramref name="wait"/>.</summary>
    Task<UnitProgress> Start(UnitAssignment assignment, TimeSpan wait);

    /// <summary>The unit's progress once it is done or after <paramref name="wait"/>. A new activation (its silo was lost) answers <see cref="UnitPhase.Unknown"/>.</summary>
    Task<UnitProgress> Wait(TimeSpan wait);
}

/// <summary>A cluster unit: one industrial cluster's firm metrics and cluster_metrics row.</summary>
public interface IClusterGrain : IUnitGrain;

/// <summary>A firm partition unit: supply-chain metrics of the firms whose id hashes to the partition.</summary>
public interface IFirmPartitionGrain : IUnitGrain;

/// <summary>
/// A run's aggregation, its reduce and sink, keyed like the units (<c>RUN_KEY/AGGREGATION_KEY</c>): reads every unit
/// output from the run's work store, computes firm_metrics, cluster_metrics and region_metrics, writes them as Parquet
/// to the run's folder itself, and hands back only their write results and highlights (<see cref="UnitProgress.Result"/>).
/// </summary>
public interface IAggregationGrain : IUnitGrain;
