using Orleans;
using Pipeline.Grains.Runs;

namespace Pipeline.Orleans.Runs;

/// <summary>Where a run is: running, finished or failed.</summary>
[GenerateSerializer]
public enum RunPhase { None, Running, Finished, Failed }

/// <summary>Why a run failed, as the command line's exit code needs it.</summary>
[GenerateSerializer]
public enum RunFailure { None, BadInput, RunExists, Cancelled, Failed }

/// <summary>A run's event for followers: a stage started or finished, or an information line.</summary>
[GenerateSerializer]
public enum RunEventKind { StageStarted, StageFinished, Info }

[GenerateSerializer, Immutable]
public sealed record RunEvent([property: Id(0)] RunEventKind Kind, [property: Id(1)] RunStage Stage, [property: Id(2)] string Text, [property: Id(3)] double Seconds);

/// <summary>
/// A run's progress as its coordinator reports it: phase, current stage and units done of total, the events from the
/// follower's cursor on (<see cref="NextEvent"/> is the next cursor), and at the end its error and failure kind
/// (whether <c>_status.json</c> recorded it) or its highlights (JSON of <see cref="RunHighlights"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunProgress(
    [property: Id(0)] RunPhase Phase,
    [property: Id(1)] RunStage Stage,
    [property: Id(2)] long Done,
    [property: Id(3)] long Total,
    [property: Id(4)] IReadOnlyList<RunEvent> Events,
    [property: Id(5)] int NextEvent,
    [property: Id(6)] string? Error = null,
    [property: Id(7)] RunFailure Failure = RunFailure.None,
    [property: Id(8)] bool StatusRecorded = false,
    [property: Id(9)] string? HighlightsJson = null,
    [property: Id(10)] string? Host = null);
