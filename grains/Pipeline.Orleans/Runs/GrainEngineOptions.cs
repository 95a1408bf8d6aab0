namespace Pipeline.Orleans.Runs;

/// <summary>
/// How a run dispatches its units to grains: the run id and key, the work store's location
/// (<see cref="Work.RunWorkStores.MemoryLocation"/> or the output location), the output location (where the
/// aggregation writes the metric tables), the run's trace context, how long one
/// call may wait for a unit (<see cref="UnitWait"/>, well under Orleans' response timeout), and how often a unit may
/// fail (<see cref="MaxAttempts"/>) or be lost with its silo (<see cref="MaxLosses"/>) before the run fails.
/// </summary>
public sealed record GrainEngineOptions(string RunId, string RunKey, string WorkLocation, string OutputLocation)
{
    public string? TraceParent { get; init; }
    /// <summary>The silo of the run's coordinator (parsable address): the aggregation goes to another one if there is
    /// one, so the coordinator's memory and the aggregation's (every unit output, the joined rows) are on different machines.</summary>
    public string? CoordinatorSilo { get; init; }
    /// <summary>Written to <c>_work/run.json</c> when the units are staged (see <see cref="SubmissionRecord"/>).</summary>
    public byte[]? SubmissionRecord { get; init; }
    public TimeSpan UnitWait { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>How much longer than <see cref="UnitWait"/> a call may take before its silo is suspected lost.</summary>
    public TimeSpan CallGrace { get; init; } = TimeSpan.FromSeconds(3);
    public int MaxAttempts { get; init; } = 3;
    public int MaxLosses { get; init; } = 30;
}
