namespace Pipeline.Grains.Runs;

/// <summary>The state of a run in <c>_status.json</c>.</summary>
public enum RunState { Running, Failed, Finished }

/// <summary>The content of <c>_status.json</c>: kept current while the run goes (contract).</summary>
public sealed record RunStatus
{
    public required string RunId { get; init; }
    public required RunState State { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public string? Engine { get; init; }
    public string? Stage { get; init; }
    public long UnitsDone { get; init; }
    public long UnitsTotal { get; init; }
    public string? Error { get; init; }
    /// <summary>What started the run (<c>manual</c>, <c>scheduled</c>); absent in runs before it was recorded.</summary>
    public string? Trigger { get; init; }
    /// <summary>W3C trace id of the run's span when tracing is on, to find the run in a tracing backend.</summary>
    public string? TraceId { get; init; }
}
