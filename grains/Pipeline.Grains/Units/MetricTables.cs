using Pipeline.Grains.Scenarios;

namespace Pipeline.Grains.Units;

/// <summary>The metric tables of a run, each sorted by its key, ready to be written (scenario_metrics by cluster_id, then scenario).</summary>
public sealed record MetricTables(FirmMetricsRow[] Firms, ClusterMetricsRow[] Clusters, RegionMetricsRow[] Regions)
{
    public ScenarioMetricsRow[] Scenarios { get; init; } = [];
}
