namespace Pipeline.Orleans.Hosting;

/// <summary>
/// How a silo runs the pipeline's grains: <see cref="Embedded"/> (the command line's own silo: in-memory grain
/// storage, reminders and work store, localhost clustering) or a member of a cluster (Azure Table clustering and
/// reminders, Azure Blob grain storage, work files in the run's output store); its worker count and fault drills.
/// </summary>
public sealed record PipelineSiloOptions
{
    public bool Embedded { get; init; }
    /// <summary>Unit worker threads (default: one per core).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;
    /// <summary>How often a running run's reminder wakes its coordinator (which resumes it if its silo was lost).</summary>
    public TimeSpan WakePeriod { get; init; } = TimeSpan.FromSeconds(10);
    public string? FailUnit { get; init; }
    public int DelayMs { get; init; }
    public string? DelayUnit { get; init; }
}
