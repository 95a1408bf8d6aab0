using Orleans;

namespace Pipeline.Orleans.Units;

/// <summary>What a unit grain needs to run: its run, where the run's work store is, its unit id and content key,
/// the firm partition (partition units), how many worker threads it may use, and the run's trace context.</summary>
[GenerateSerializer, Immutable]
public sealed record UnitAssignment(
    [property: Id(0)] string RunId,
    [property: Id(1)] string WorkLocation,
    [property: Id(2)] string UnitId,
    [property: Id(3)] string UnitKey,
    [property: Id(4)] int Partition,
    [property: Id(5)] int Parallelism,
    [property: Id(6)] string? TraceParent);

/// <summary>Where a unit is.</summary>
[GenerateSerializer]
public enum UnitPhase { Unknown, Queued, Running, Done, Failed }

/// <summary>A unit's progress as its grain reports it: the silo it is on (parsable address and name), the size of that
/// silo's worker pool, rows in and out, when it ran, its error, whether its output was already stored, the small
/// result a unit may hand back when done (the aggregation's <see cref="Pipeline.Grains.Units.AggregationOutcome"/> as JSON),
/// and how long it held the silo's unit workers (the computation alone: no queueing, loading or storing).</summary>
[GenerateSerializer, Immutable]
public sealed record UnitProgress(
    [property: Id(0)] UnitPhase Phase,
    [property: Id(1)] string Silo,
    [property: Id(2)] int Workers,
    [property: Id(3)] long RowsIn = 0,
    [property: Id(4)] long RowsOut = 0,
    [property: Id(5)] DateTimeOffset Started = default,
    [property: Id(6)] DateTimeOffset Finished = default,
    [property: Id(7)] string? Error = null,
    [property: Id(8)] bool Reused = false,
    [property: Id(9)] string SiloName = "",
    [property: Id(10)] string? Result = null,
    [property: Id(11)] TimeSpan Computing = default);

/// <summary>Grain keys of units: the run's key, then the unit's content key.</summary>
public static class UnitGrainKeys
{
    public static string Of(string runKey, string unitKey) => $"{runKey}/{unitKey}";
}
