namespace Pipeline.Grains.Units;

/// <summary>The three metric tables of a run, each sorted by its key, ready to be written.</summary>
public sealed record MetricTables(FirmMetricsRow[] Firms, ClusterMetricsRow[] Clusters, RegionMetricsRow[] Regions);
