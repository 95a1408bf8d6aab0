using System.Diagnostics;
using Pipeline.Grains.Output;
using Pipeline.Grains.Runs;
using Pipeline.Storage;

namespace Pipeline.Grains.Units;

/// <summary>
/// The reduce and sink of a run, the same on every engine: <see cref="Aggregation.Compute"/> over the unit outputs,
/// the metric tables written as Parquet to the run's folder (<see cref="MetricTableSet"/>), and the small
/// <see cref="AggregationOutcome"/> the run needs of them.
/// </summary>
public static class AggregateAndWrite
{
    /// <summary>
    /// Aggregates <paramref name="outputs"/> — the computation itself through <paramref name="computeOn"/> (a silo's
    /// unit workers, or inline) — writes the tables to <paramref name="store"/>, and returns the outcome with the tables.
    /// </summary>
    public static async Task<(AggregationOutcome Outcome, MetricTables Tables)> RunAsync(AggregationInput input, UnitResults outputs, IObjectStore store,
        Func<Func<MetricTables>, Task<MetricTables>> computeOn, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var tables = await computeOn(() => Aggregation.Compute(input.Clusters, input.Regions, outputs.Clusters, outputs.Partitions)).ConfigureAwait(false);
        var computed = clock.Elapsed;
        var written = await MetricTableSet.WriteAsync(MetricTableSet.Writer(store, input.RunId, input.Output), tables, input.WritesScenarios, ct).ConfigureAwait(false);
        var estimated = outputs.Clusters
            .Where(c => !c.Betweenness.Exact)
            .Select(c => new EstimatedBetweenness(c.Row.ClusterId, (int)c.Row.Firms, c.Betweenness.Pivots, c.Betweenness.Seed))
            .OrderBy(e => e.ClusterId, StringComparer.Ordinal)
            .ToList();
        double scenarioSeconds = 0;
        foreach (var c in outputs.Clusters) scenarioSeconds += c.ScenarioSeconds;
        var outcome = new AggregationOutcome(written, estimated, MetricHighlights.From(tables), computed.TotalSeconds, (clock.Elapsed - computed).TotalSeconds)
        {
            ScenarioSeconds = scenarioSeconds, ScenarioRows = tables.Scenarios.Length,
        };
        return (outcome, tables);
    }
}
