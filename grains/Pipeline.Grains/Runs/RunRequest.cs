using Pipeline.Grains.Units;
using Pipeline.Grains.Output;
using Pipeline.Storage;

namespace Pipeline.Grains.Runs;

/// <summary>What to run: input and output stores, the run id (null = UTC start time), whether to replace an existing run, and settings.</summary>
public sealed record RunRequest(IObjectStore Input, IObjectStore OutputStore)
{
    public string? RunId { get; init; }
    public bool Replace { get; init; }
    /// <summary>Continue an unfinished run of this id (its folder is kept; the engine redoes only what is missing).</summary>
    public bool Resume { get; init; }
    public MetricSettings Settings { get; init; } = new();
    public OutputOptions Output { get; init; } = new();
    /// <summary>Overrides the input URI recorded in the manifest (e.g. "generated:sample?seed=42").</summary>
    public string? InputDescription { get; init; }
    /// <summary>What started the run, recorded in _status.json and _manifest.json: <c>manual</c> (the default) or <c>scheduled</c>.</summary>
    public string Trigger { get; init; } = RunTriggers.Manual;
}

/// <summary>Values of <see cref="RunRequest.Trigger"/>.</summary>
public static class RunTriggers
{
    public const string Manual = "manual";
    public const string Scheduled = "scheduled";
}

/// <summary>A finished run: its manifest, the highlights of its metric tables (for the CLI summary) and timings.</summary>
public sealed record RunResult(string RunId, RunManifest Manifest, MetricHighlights Highlights, Input.Validation.QuarantineLog Quarantine,
    IReadOnlyDictionary<RunStage, TimeSpan> StageTimes, TimeSpan Elapsed);

/// <summary>The requested run id exists already and <c>--replace</c> was not given.</summary>
public sealed class RunExistsException(string message) : Exception(message);
