using Orleans;
using Orleans.Runtime;

namespace Pipeline.Orleans.Runs;

/// <summary>
/// The run's view of the cluster for dispatch: the active silos (from the management grain, refreshed every couple of
/// seconds, so a silo added mid-run starts taking units and a lost one stops getting them), each one's worker count
/// as its units report it, and the units in flight on each. <see cref="TryPick"/> gives the silo with the most free
/// room, keeping up to two units per worker queued there so no worker waits for the next dispatch.
/// </summary>
internal sealed class ActiveSilos(IGrainFactory grains)
{
    private const int QueuedPerWorker = 2;
    private volatile Dictionary<string, SiloAddress> _active = new(StringComparer.Ordinal); // replaced whole: unit calls read it from other threads
    private readonly Dictionary<string, int> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _busy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _suspectedUntil = new(StringComparer.Ordinal);
    private DateTime _refreshed = DateTime.MinValue;

    public int Count => _active.Count;

    public async Task RefreshAsync(bool force = false)
    {
        if (!force && DateTime.UtcNow - _refreshed < TimeSpan.FromSeconds(2)) return;
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        var active = new Dictionary<string, SiloAddress>(StringComparer.Ordinal);
        foreach (var (address, status) in hosts)
            if (status == SiloStatus.Active) active[address.ToParsableString()] = address;
        _active = active;
        _refreshed = DateTime.UtcNow;
    }

    public bool IsActive(string silo) => _active.ContainsKey(silo);

    public int Workers(string silo) => _workers.GetValueOrDefault(silo, Environment.ProcessorCount);

    /// <summary>Total workers of the active silos.</summary>
    public int TotalWorkers => _active.Keys.Sum(Workers);

    /// <summary>
    /// Picks the active silo with the most free room, other than <paramref name="besides"/> unless it is the only one,
    /// only <paramref name="only"/> if that one is active, and never a silo <see cref="Suspect">suspected</see> of being gone.
    /// </summary>
    public bool TryPick(out string silo, out SiloAddress address, string? besides = null, string? only = null)
    {
        silo = ""; address = null!;
        double best = double.MaxValue;
        var active = _active;
        var now = DateTime.UtcNow;
        if (only is not null && !active.ContainsKey(only)) only = null;
        foreach (var (key, a) in active)
        {
            if (key == besides && active.Count > 1) continue;
            if (only is not null && key != only) continue;
            if (_suspectedUntil.TryGetValue(key, out var until) && until > now) continue;
            int room = Workers(key) * QueuedPerWorker, busy = _inFlight.GetValueOrDefault(key);
            if (busy >= room) continue;
            double load = (double)busy / room;
            if (load < best) { best = load; silo = key; address = a; }
        }
        return best < double.MaxValue;
    }

    /// <summary>
    /// A unit was just lost on <paramref name="silo"/>: send it nothing for <paramref name="duration"/>. A killed silo
    /// stays an active member until its peers declare it dead (a couple of seconds, longer on a loaded machine), and
    /// a unit sent to it meanwhile is lost again at once — without this, one unit could use up its
    /// <see cref="GrainEngineOptions.MaxLosses"/> within a second.
    /// </summary>
    public void Suspect(string silo, TimeSpan duration) => _suspectedUntil[silo] = DateTime.UtcNow + duration;

    public void Started(string silo) => _inFlight[silo] = _inFlight.GetValueOrDefault(silo) + 1;

    /// <summary>
    /// A unit dispatched to <paramref name="dispatched"/> ended on <paramref name="ranOn"/>. They differ when placement
    /// put the grain elsewhere (a silo that just joined is not yet a placement target everywhere): the room is given
    /// back where it was taken, or the new silo would look full for the rest of the run and never get work.
    /// <paramref name="took"/> is how long a unit that is done held that silo's unit workers (<see cref="Units.UnitProgress.Computing"/>).
    /// </summary>
    public void Ended(string dispatched, string ranOn, int workers, bool done, TimeSpan took = default)
    {
        _inFlight[dispatched] = Math.Max(0, _inFlight.GetValueOrDefault(dispatched) - 1);
        if (workers > 0) _workers[ranOn] = workers;
        if (!done) return;
        _done[ranOn] = _done.GetValueOrDefault(ranOn) + 1;
        if (took > TimeSpan.Zero) _busy[ranOn] = _busy.GetValueOrDefault(ranOn) + took;
    }

    /// <summary>Units done per silo and the time they held its workers (summed over units), for the run's log.</summary>
    public string Summary(Func<string, string> name) =>
        string.Join(", ", _done.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{name(d.Key)} {d.Value:N0} ({_busy.GetValueOrDefault(d.Key).TotalSeconds:F1} s)"));
}
