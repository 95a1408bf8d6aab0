using Pipeline.Grains.Scenarios;

namespace Pipeline.Grains.Units;

/// <summary>How a cluster's betweenness was computed: exactly, or estimated from <see cref="Pivots"/> seeded pivots.</summary>
public sealed record BetweennessMethod(bool Exact, int Pivots, ulong Seed);

/// <summary>
/// What a cluster unit returns: its firms' cluster-graph metrics (sorted by firm_id), its cluster_metrics row, its
/// composition sums, its scenario_metrics rows (sorted by scenario) and the seconds their computation took.
/// </summary>
public sealed record ClusterUnitOutput(FirmClusterMetrics[] Firms, ClusterMetricsRow Row, ClusterComposition Composition, BetweennessMethod Betweenness)
{
    public ScenarioMetricsRow[] Scenarios { get; init; } = [];

    /// <summary>Wall time of the scenario rows within the unit (telemetry: the scenarios' share of the compute stage).</summary>
    public double ScenarioSeconds { get; init; }
}
