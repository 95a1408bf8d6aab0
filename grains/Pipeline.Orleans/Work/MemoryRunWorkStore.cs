using System.Collections.Concurrent;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;

namespace Pipeline.Orleans.Work;

/// <summary>
/// The embedded silo's work store: the objects themselves, in this process, so a run on one machine pays no
/// encoding or storage round trip. Only usable when every grain of the run lives in this process (one silo).
/// </summary>
public sealed class MemoryRunWorkStore : IRunWorkStore
{
    private readonly ConcurrentDictionary<string, ClusterUnitInput> _inputs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UnitOutput> _outputs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AggregationWork> _aggregations = new(StringComparer.Ordinal);
    private ClusterUnitContext? _context;
    private CountryIndex? _country;

    public Task PutContextAsync(ClusterUnitContext context, CancellationToken ct) { _context = context; return Task.CompletedTask; }
    public Task PutSubmissionAsync(byte[] record, CancellationToken ct) => Task.CompletedTask; // nothing of this run outlives the process

    public Task<ClusterUnitContext> GetContextAsync(CancellationToken ct) => Task.FromResult(_context ?? throw Missing("the unit context"));
    public void KeepCountry(PartitionedInput input) => _country = input.Country;
    public Task PutCountryAsync(PartitionedInput input, CancellationToken ct) { KeepCountry(input); return Task.CompletedTask; }
    public Task<CountryIndex> GetCountryAsync(CancellationToken ct) => Task.FromResult(_country ?? throw Missing("the country index"));
    /// <summary>Keeps the unit's input decoded (every unit of an embedded run is the coordinator's own, so the engine
    /// keeps the cut itself with <see cref="KeepClusterInput"/>; this is for completeness).</summary>
    public Task PutClusterInputAsync(string unitKey, byte[] encoded, CancellationToken ct)
    {
        KeepClusterInput(unitKey, ((StagedCluster)WorkItemInputCodec.Decode(new MemoryStream(encoded))[0]).Input);
        return Task.CompletedTask;
    }

    /// <summary>Keeps the unit's input as it is. The engine cuts a unit's input from the partitioned input when it
    /// dispatches the unit and its output lets it go, so only the inputs of units in flight live at once.</summary>
    public void KeepClusterInput(string unitKey, ClusterUnitInput input) => _inputs[unitKey] = input;

    public Task<ClusterUnitInput> GetClusterInputAsync(string unitKey, CancellationToken ct) =>
        Task.FromResult(_inputs.TryGetValue(unitKey, out var i) ? i : throw Missing($"the input of unit {unitKey}"));

    public Task<bool> HasOutputAsync(string unitKey, CancellationToken ct) => Task.FromResult(_outputs.ContainsKey(unitKey));

    public Task PutOutputAsync(string unitKey, UnitOutput output, CancellationToken ct)
    {
        _outputs[unitKey] = output;
        _inputs.TryRemove(unitKey, out _); // its input is no longer needed
        return Task.CompletedTask;
    }

    public Task<UnitOutput> GetOutputAsync(string unitKey, CancellationToken ct) =>
        Task.FromResult(_outputs.TryGetValue(unitKey, out var o) ? o : throw Missing($"the output of unit {unitKey}"));

    /// <summary>Keeps a reference only: the clusters and region index are the run's own.</summary>
    public Task PutAggregationWorkAsync(string key, AggregationWork work, CancellationToken ct) { _aggregations[key] = work; return Task.CompletedTask; }

    public Task<AggregationWork> GetAggregationWorkAsync(string key, CancellationToken ct) =>
        Task.FromResult(_aggregations.TryGetValue(key, out var w) ? w : throw Missing($"the input of aggregation {key}"));

    /// <summary>Lets the country-wide graphs (gigabytes at national scale) go before the aggregation allocates the joined rows.</summary>
    public void ReleaseInputs() { _inputs.Clear(); _country = null; }

    public Task<bool> IsOpenAsync(CancellationToken ct) => Task.FromResult(_context is not null);

    public Task DeleteAsync(CancellationToken ct)
    {
        _inputs.Clear(); _outputs.Clear(); _aggregations.Clear(); _context = null; _country = null;
        return Task.CompletedTask;
    }

    private static InvalidOperationException Missing(string what) =>
        new($"{what} is not in this silo's memory: the embedded work store serves one silo only (run on a cluster with a shared output store instead)");
}
