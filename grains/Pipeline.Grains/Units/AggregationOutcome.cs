using System.Text.Json;
using Pipeline.Grains.Output;
using Pipeline.Grains.Runs;

namespace Pipeline.Grains.Units;

/// <summary>
/// What an aggregation hands back to its run — small whatever the run's size: what was written of each metric table,
/// the clusters whose betweenness was estimated (for the manifest), the tables' highlights (for the client's
/// summary), how long computing and writing the tables took, and the scenario rows with the time the cluster units
/// spent on them (summed over units; 0 when the outputs came back from a stored work store, which keeps no timing).
/// </summary>
public sealed record AggregationOutcome(
    IReadOnlyList<TableWriteResult> Written, IReadOnlyList<EstimatedBetweenness> BetweennessEstimated, MetricHighlights Highlights,
    double ComputeSeconds, double WriteSeconds)
{
    public double ScenarioSeconds { get; init; }

    public long ScenarioRows { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, RunHighlights.Json);

    public static AggregationOutcome FromJson(string json) => JsonSerializer.Deserialize<AggregationOutcome>(json, RunHighlights.Json)!;
}
