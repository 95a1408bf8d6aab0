namespace Pipeline.Grains.Units;

/// <summary>One row of firm_metrics: the firm's two halves joined on firm_id.</summary>
public readonly record struct FirmMetricsRow(FirmClusterMetrics Cluster, FirmSupplyMetrics Supply);
