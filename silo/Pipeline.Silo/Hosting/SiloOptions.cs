namespace Pipeline.Silo.Hosting;

/// <summary>A silo's settings (configuration section <c>Silo</c>; the broker also from <c>--broker</c> or <c>PIPELINE_BROKER</c>).</summary>
public sealed record SiloOptions
{
    /// <summary>Broker URI(s), comma-separated; may contain a password, never logged.</summary>
    public string? Broker { get; init; }

    /// <summary>Work items in flight at once (the consumer prefetch); 0 = one per core.</summary>
    public int Prefetch { get; init; }

    /// <summary>Name in events and logs; default HOST-PID.</summary>
    public string? Name { get; init; }

    /// <summary>Test-only fault injection, off by default: a unit id that throws every time it is computed.</summary>
    public string? FailUnit { get; init; }

    /// <summary>Test-only, off by default: extra milliseconds each computed work item takes (to make a short run long enough to interrupt).</summary>
    public int DelayMs { get; init; }

    public int EffectivePrefetch => Prefetch > 0 ? Prefetch : Environment.ProcessorCount;
    public string EffectiveName => Name is { Length: > 0 } n ? n : $"{Environment.MachineName}-{Environment.ProcessId}";
}
