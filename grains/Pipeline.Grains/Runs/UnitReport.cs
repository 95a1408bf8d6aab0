using Pipeline.Grains.Partitioning;

namespace Pipeline.Grains.Runs;

/// <summary>
/// What an engine reports when one unit of work ends (successfully or not): where it ran, when, and how many rows
/// went in (firms + links of a cluster, firms of a partition) and came out. Engines send it through
/// <see cref="IRunObserver.UnitFinished"/>; the coordinator turns it into a trace span and metrics, so a remote
/// engine only has to carry these numbers back with the unit's result.
/// </summary>
public sealed record UnitReport(UnitOfWork Unit, string Host, DateTimeOffset Started, DateTimeOffset Finished, long RowsIn, long RowsOut, string? Error = null)
{
    public TimeSpan Duration => Finished - Started;
}
