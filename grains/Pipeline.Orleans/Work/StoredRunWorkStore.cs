using System.Collections.Concurrent;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;
using Pipeline.Storage;

namespace Pipeline.Orleans.Work;

/// <summary>
/// A cluster's work store: the run's <c>_work/</c> folder in the output store (<see cref="WorkLayout"/>), encoded with
/// the staging codecs, so silos on any machine that reach the store share inputs and outputs. The context and the
/// country index are decoded once per silo and run. On the coordinator's silo the country index is kept as it is
/// (<see cref="KeepCountry"/>; firm partitions run there, and it is put in storage only for one dispatched again),
/// and so are the inputs of the units dispatched to that silo (<see cref="KeepClusterInput"/>): those units read
/// them from memory, never from storage. Outputs always go to storage (the aggregation reads them there, from any
/// silo, and a resumed run finds them there).
/// </summary>
public sealed class StoredRunWorkStore(IObjectStore store, string runId) : IRunWorkStore
{
    private readonly WorkLayout _layout = new(runId);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, ClusterUnitInput> _kept = new(StringComparer.Ordinal);
    private ClusterUnitContext? _context;
    private CountryIndex? _country;

    public async Task PutContextAsync(ClusterUnitContext context, CancellationToken ct)
    {
        await WriteAsync(_layout.Context, UnitContextCodec.Encode(context), ct).ConfigureAwait(false);
        _context = context;
    }

    public Task PutSubmissionAsync(byte[] record, CancellationToken ct) => WriteAsync(_layout.Submission, record, ct);

    public async Task<ClusterUnitContext> GetContextAsync(CancellationToken ct) =>
        _context ??= await Once(() => _context, () => ReadAsync(_layout.Context, UnitContextCodec.Decode, ct), v => _context = v, ct).ConfigureAwait(false);

    public void KeepCountry(PartitionedInput input) => _country = input.Country; // this silo's firm partitions use it as it is

    public async Task PutCountryAsync(PartitionedInput input, CancellationToken ct)
    {
        await WriteAsync(_layout.Country, CountryIndexCodec.Encode(input), ct).ConfigureAwait(false);
        KeepCountry(input);
    }

    public async Task<CountryIndex> GetCountryAsync(CancellationToken ct) =>
        _country ??= await Once(() => _country, () => ReadAsync(_layout.Country, CountryIndexCodec.Decode, ct), v => _country = v, ct).ConfigureAwait(false);

    public Task PutClusterInputAsync(string unitKey, byte[] encoded, CancellationToken ct) => WriteAsync(_layout.Input(unitKey), encoded, ct);

    public void KeepClusterInput(string unitKey, ClusterUnitInput input) => _kept[unitKey] = input;

    public Task<ClusterUnitInput> GetClusterInputAsync(string unitKey, CancellationToken ct) =>
        _kept.TryGetValue(unitKey, out var kept) ? Task.FromResult(kept)
            : ReadAsync(_layout.Input(unitKey), s => ((StagedCluster)WorkItemInputCodec.Decode(s)[0]).Input, ct);

    public async Task<bool> HasOutputAsync(string unitKey, CancellationToken ct) => await store.GetInfoAsync(_layout.Output(unitKey), ct).ConfigureAwait(false) is not null;

    public async Task PutOutputAsync(string unitKey, UnitOutput output, CancellationToken ct)
    {
        await WriteAsync(_layout.Output(unitKey), WorkItemOutputCodec.Encode(new WorkItemOutput(
            output.Cluster is { } c ? [(unitKey, c)] : [], output.Partition is { } p ? [(unitKey, p)] : [])), ct).ConfigureAwait(false);
        _kept.TryRemove(unitKey, out _); // its input is no longer needed
    }

    public Task<UnitOutput> GetOutputAsync(string unitKey, CancellationToken ct) => ReadAsync(_layout.Output(unitKey), s =>
    {
        var o = WorkItemOutputCodec.Decode(s);
        return new UnitOutput(o.Clusters.Count > 0 ? o.Clusters[0].Output : null, o.Partitions.Count > 0 ? o.Partitions[0].Output : null);
    }, ct);

    public Task PutAggregationWorkAsync(string key, AggregationWork work, CancellationToken ct) =>
        WriteAsync(_layout.Input(key), AggregationWorkCodec.Encode(work), ct);

    public Task<AggregationWork> GetAggregationWorkAsync(string key, CancellationToken ct) => ReadAsync(_layout.Input(key), AggregationWorkCodec.Decode, ct);

    public void ReleaseInputs() // the files stay until the run is published (a resumed coordinator may need them)
    {
        _country = null;
        _kept.Clear();
    }

    public async Task<bool> IsOpenAsync(CancellationToken ct) => await store.GetInfoAsync(_layout.Context, ct).ConfigureAwait(false) is not null;

    public async Task DeleteAsync(CancellationToken ct)
    {
        await store.DeleteAsync(_layout.Context, ct).ConfigureAwait(false); // first: a unit still running sees the run is closed and writes nothing
        ReleaseInputs();
        var names = new List<string>();
        await foreach (var o in store.ListAsync(_layout.Prefix + "/", ct).ConfigureAwait(false)) names.Add(o.Name);
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (name, c) => await store.DeleteAsync(name, c).ConfigureAwait(false)).ConfigureAwait(false);
        if (store is LocalFolderStore local) // a folder store keeps the emptied folders
        {
            var dir = Path.Combine(local.Root, _layout.Prefix);
            try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); } catch (IOException) { /* a late duplicate output; harmless */ }
        }
    }

    private Task WriteAsync(string name, byte[] bytes, CancellationToken ct) => store.WriteAsync(name, new MemoryStream(bytes), null, ct);

    private async Task<T> ReadAsync<T>(string name, Func<Stream, T> decode, CancellationToken ct)
    {
        await using var s = await store.OpenReadAsync(name, ct).ConfigureAwait(false);
        return decode(s);
    }

    private async Task<T> Once<T>(Func<T?> cached, Func<Task<T>> load, Action<T> keep, CancellationToken ct) where T : class
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (cached() is { } v) return v;
            var loaded = await load().ConfigureAwait(false);
            keep(loaded);
            return loaded;
        }
        finally { _gate.Release(); }
    }
}
