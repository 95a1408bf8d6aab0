using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;

namespace Pipeline.Orleans.Work;

/// <summary>
/// Where a run's units find their input and leave their output, by content key: in this process's memory for the
/// embedded silo (<see cref="MemoryRunWorkStore"/>), in the output store's <c>_work/</c> folder for a cluster of
/// silos (<see cref="StoredRunWorkStore"/>). Data sets travel through here, never through grain calls.
/// </summary>
public interface IRunWorkStore
{
    Task PutContextAsync(ClusterUnitContext context, CancellationToken ct);
    /// <summary>Keeps the run's submission record (<c>_work/run.json</c>) where <c>run --resume</c> finds it.</summary>
    Task PutSubmissionAsync(byte[] record, CancellationToken ct);
    Task<ClusterUnitContext> GetContextAsync(CancellationToken ct);
    /// <summary>
    /// Keeps the run's country index in this process's memory only, for the firm partitions that run on this silo
    /// (the coordinator's): no encoding, no storage round trip.
    /// </summary>
    void KeepCountry(PartitionedInput input);
    /// <summary>Puts the run's country index where every silo of the run reads it (and keeps it, as <see cref="KeepCountry"/>).</summary>
    Task PutCountryAsync(PartitionedInput input, CancellationToken ct);
    Task<CountryIndex> GetCountryAsync(CancellationToken ct);
    /// <summary>
    /// Keeps a cluster unit's input, <paramref name="encoded"/> by <see cref="WorkItemInputCodec.EncodeCluster"/>
    /// (the same bytes its key was hashed from), under <paramref name="unitKey"/> where every silo of the run reads it.
    /// </summary>
    Task PutClusterInputAsync(string unitKey, byte[] encoded, CancellationToken ct);
    /// <summary>
    /// Keeps a cluster unit's input under <paramref name="unitKey"/> in this process's memory only, for a unit that
    /// runs on this silo (the coordinator's): no encoding, no storage round trip. Let go when its output is put.
    /// </summary>
    void KeepClusterInput(string unitKey, ClusterUnitInput input);
    /// <summary>The unit's input: kept in this process's memory if it was, else where every silo reads it.</summary>
    Task<ClusterUnitInput> GetClusterInputAsync(string unitKey, CancellationToken ct);
    Task<bool> HasOutputAsync(string unitKey, CancellationToken ct);
    Task PutOutputAsync(string unitKey, UnitOutput output, CancellationToken ct);
    Task<UnitOutput> GetOutputAsync(string unitKey, CancellationToken ct);
    /// <summary>Keeps the aggregation's input under its content key <paramref name="key"/>.</summary>
    Task PutAggregationWorkAsync(string key, AggregationWork work, CancellationToken ct);
    Task<AggregationWork> GetAggregationWorkAsync(string key, CancellationToken ct);
    /// <summary>Whether the run still takes outputs (its context is there; cleaning up removes it first).</summary>
    Task<bool> IsOpenAsync(CancellationToken ct);
    /// <summary>Every output is collected: what only the units needed (context, country index, inputs) may go (memory lets them go now, stored files stay until <see cref="DeleteAsync"/>).</summary>
    void ReleaseInputs();
    /// <summary>Removes every working file of the run.</summary>
    Task DeleteAsync(CancellationToken ct);
}

/// <summary>One unit's result: a cluster's or a firm partition's.</summary>
public sealed record UnitOutput(ClusterUnitOutput? Cluster, FirmPartitionOutput? Partition);
