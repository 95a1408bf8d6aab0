using System.Collections.Concurrent;
using Pipeline.Storage;

namespace Pipeline.Orleans.Work;

/// <summary>
/// A silo's work stores, one per run: <see cref="MemoryLocation"/> gives the in-process store of the embedded silo,
/// any other location the run's output store (opened with the silo's own credentials). Stores are kept while their
/// run goes and dropped with <see cref="Release"/> (by the run's coordinator, on its silo). The other silos of a
/// cluster are not told when a run ends, so a stored store that no unit has opened for <see cref="IdleAfter"/> is
/// dropped with its decoded country index (its files stay in storage: a unit that comes later reads them again).
/// The coordinator's own store is <see cref="Hold">held</see> instead: it keeps the inputs of the units on its silo
/// in memory only (no file), so it must not go while the run does, however long one unit computes.
/// </summary>
public sealed class RunWorkStores : IDisposable
{
    /// <summary>The work location of runs whose units all run in this process.</summary>
    public const string MemoryLocation = "memory:";

    /// <summary>How long a stored run's store is kept in memory after a unit last opened it.</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(2);

    private sealed record Entry(Lazy<IRunWorkStore> Store, bool InMemory)
    {
        public long LastOpened = Environment.TickCount64;
        public volatile bool Held;
    }

    private readonly Func<string, IObjectStore> _openStore;
    private readonly ConcurrentDictionary<string, Entry> _stores = new(StringComparer.Ordinal);
    private readonly Timer _sweep;

    public RunWorkStores(Func<string, IObjectStore> openStore)
    {
        _openStore = openStore;
        _sweep = new Timer(_ => DropIdle(IdleAfter), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public IObjectStore OpenStore(string location) => _openStore(location);

    public IRunWorkStore Open(string workLocation, string runId) => Entered(workLocation, runId).Store.Value;

    /// <summary>
    /// The run's store as its coordinator opens it: like <see cref="Open"/>, and never dropped for being idle, only by
    /// <see cref="Release"/> (the coordinator releases it when the run is published or fails).
    /// </summary>
    public IRunWorkStore Hold(string workLocation, string runId)
    {
        var entry = Entered(workLocation, runId);
        entry.Held = true;
        return entry.Store.Value;
    }

    private Entry Entered(string workLocation, string runId)
    {
        var entry = _stores.GetOrAdd(runId + "@" + workLocation, _ => new Entry(new Lazy<IRunWorkStore>(() => workLocation == MemoryLocation
            ? new MemoryRunWorkStore()
            : new StoredRunWorkStore(_openStore(workLocation), runId)), workLocation == MemoryLocation));
        Volatile.Write(ref entry.LastOpened, Environment.TickCount64);
        return entry;
    }

    public void Release(string workLocation, string runId) => _stores.TryRemove(runId + "@" + workLocation, out _);

    /// <summary>How many runs' stores this silo holds (for tests).</summary>
    public int Count => _stores.Count;

    /// <summary>
    /// Drops the stored (not in-memory) stores no unit has opened for <paramref name="idle"/>. In-memory stores hold
    /// the only copy of an embedded run's data, and held stores (<see cref="Hold"/>) the only copy of the inputs of
    /// their coordinator's units: they go only with <see cref="Release"/>.
    /// </summary>
    public void DropIdle(TimeSpan idle)
    {
        long now = Environment.TickCount64;
        foreach (var (key, entry) in _stores)
            if (!entry.InMemory && !entry.Held && now - Volatile.Read(ref entry.LastOpened) >= idle.TotalMilliseconds && _stores.TryRemove(key, out _) && entry.Store.IsValueCreated)
                entry.Store.Value.ReleaseInputs();
    }

    public void Dispose() => _sweep.Dispose();
}
