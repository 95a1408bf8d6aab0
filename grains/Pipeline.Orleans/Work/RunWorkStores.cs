using System.Collections.Concurrent;
using Pipeline.Storage;

namespace Pipeline.Orleans.Work;

/// <summary>
/// A silo's work stores, one per run: <see cref="MemoryLocation"/> gives the in-process store of the embedded silo,
/// any other location the run's output store (opened with the silo's own credentials). Stores are kept while their
/// run goes and dropped with <see cref="Release"/>; a silo keeps at most a few (it serves runs one after another).
/// </summary>
public sealed class RunWorkStores(Func<string, IObjectStore> openStore)
{
    /// <summary>The work location of runs whose units all run in this process.</summary>
    public const string MemoryLocation = "memory:";

    private readonly ConcurrentDictionary<string, Lazy<IRunWorkStore>> _stores = new(StringComparer.Ordinal);

    public IObjectStore OpenStore(string location) => openStore(location);

    public IRunWorkStore Open(string workLocation, string runId)
    {
        var key = runId + "@" + workLocation;
        if (_stores.Count > 4 && !_stores.ContainsKey(key))
            foreach (var old in _stores.Keys.Take(_stores.Count - 4)) _stores.TryRemove(old, out _);
        return _stores.GetOrAdd(key, _ => new Lazy<IRunWorkStore>(() => workLocation == MemoryLocation
            ? new MemoryRunWorkStore()
            : new StoredRunWorkStore(openStore(workLocation), runId))).Value;
    }

    public void Release(string workLocation, string runId) => _stores.TryRemove(runId + "@" + workLocation, out _);
}
