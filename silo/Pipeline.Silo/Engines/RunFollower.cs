using System.Diagnostics;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Runs;
using Pipeline.Silo.Broker;

namespace Pipeline.Silo.Engines;

/// <summary>
/// The client's view of a distributed run: which units are done (each counted once, however many deliveries or
/// duplicate events it had), failed attempts and their last errors, and the live figures it reports — units
/// done/failed, firms/s, ETA (remaining estimated cost × elapsed / cost done this session, so a few huge clusters
/// do not make it lie), silos consuming — plus where the
/// silos' time went (compute vs. storage staging) for the summary.
/// </summary>
internal sealed class RunFollower(IReadOnlyList<UnitOfWork> plan, IRunObserver observer)
{
    private readonly Dictionary<string, UnitOfWork> _units = plan.ToDictionary(u => u.UnitId, StringComparer.Ordinal);
    private readonly Dictionary<string, double> costs = plan.ToDictionary(u => u.UnitId, u => u.Cost, StringComparer.Ordinal);
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastError = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private int _failedAttempts, _events;
    private readonly int total = plan.Count;
    private readonly double _totalCost = plan.Sum(u => u.Cost);
    private double _doneCost, _doneCostAtStart;
    private long _firms;
    private double _computeMs, _stagingMs;

    public IRunObserver Observer => observer;
    public int Done => _done.Count;
    public bool Complete => _done.Count >= total;
    public int Silos { get; set; }

    public bool IsDone(string unit) => _done.Contains(unit);

    public void MarkDone(IEnumerable<string> units)
    {
        int before = _done.Count;
        foreach (var u in units) if (_done.Add(u)) _doneCost += costs.GetValueOrDefault(u);
        if (_done.Count != before) observer.Progress(RunStage.Compute, _done.Count, total);
    }

    public void Start()
    {
        _doneCostAtStart = _doneCost;
        _clock.Start();
        observer.Progress(RunStage.Compute, _done.Count, total);
    }

    public void Completed(UnitEvent e)
    {
        _events++;
        if (e.Units.All(_done.Contains)) return; // a duplicate: counted already
        _firms += e.Firms;
        _computeMs += e.ComputeMs;
        _stagingMs += e.StagingMs;
        // Each newly done unit is reported (→ a unit span in the run's trace, with the silo as host). A work item's
        // units share its timing: the item ran for ComputeMs + StagingMs on the silo, ending about now.
        var finished = DateTimeOffset.UtcNow;
        var started = finished - TimeSpan.FromMilliseconds(e.ComputeMs + e.StagingMs);
        foreach (var id in e.Units)
        {
            if (_done.Contains(id) || !_units.TryGetValue(id, out var unit)) continue;
            long rows = unit is ClusterUnit c ? c.Firms : e.Units.Length == 1 ? e.Firms : 0;
            observer.UnitFinished(new UnitReport(unit, e.Silo, started, finished, rows, unit is ClusterUnit ? rows + 1 : rows));
        }
        MarkDone(e.Units);
    }

    public void AttemptFailed(UnitEvent e)
    {
        _failedAttempts++;
        _lastError[e.Item] = $"{e.Error} (on silo {e.Silo})";
        observer.Info($"work item {e.Item} ({string.Join(", ", e.Units.Take(3))}{(e.Units.Length > 3 ? ", …" : "")}) failed on silo {e.Silo}: {e.Error}; the broker redelivers it up to {BrokerTopology.DeliveryLimit} times");
    }

    public void Report()
    {
        double s = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        double doneNow = _doneCost - _doneCostAtStart;
        var eta = doneNow > 0 ? TimeSpan.FromSeconds((_totalCost - _doneCost) * s / doneNow) : (TimeSpan?)null;
        observer.Info($"{_done.Count:N0}/{total:N0} units done, {_failedAttempts} failed attempts, {_firms / s:N0} firms/s, ETA {(eta is { } e ? $"{e.TotalSeconds:F0} s" : "?")}, {Silos} silo(s)" +
                      (Silos == 0 ? " — waiting: start silos with `silo --broker …` (infra/silos.sh)" : ""));
    }

    public string Summary() =>
        $"all {total:N0} units done in {_clock.Elapsed.TotalSeconds:F1} s ({_events:N0} completion events, {_failedAttempts} failed attempts); " +
        $"silo time: compute {_computeMs / 1000:F1} s, storage staging {_stagingMs / 1000:F1} s";

    public string FailureReport(WorkItemMessage item, string[] failedUnits)
    {
        var error = _lastError.TryGetValue(item.Item, out var m) ? m : "no error was reported (the silos processing it may have crashed)";
        return $"unit {string.Join(", ", failedUnits.Take(5))}{(failedUnits.Length > 5 ? $" and {failedUnits.Length - 5} more" : "")} (work item {item.Item}) " +
               $"failed on every one of {BrokerTopology.DeliveryLimit} deliveries and was dead-lettered; last error: {error}";
    }
}
