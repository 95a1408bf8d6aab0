namespace Pipeline.Grains.Units;

/// <summary>How a cluster's betweenness was computed: exactly, or estimated from <see cref="Pivots"/> seeded pivots.</summary>
public sealed record BetweennessMethod(bool Exact, int Pivots, ulong Seed);

/// <summary>What a cluster unit returns: its firms' cluster-graph metrics (sorted by firm_id), its cluster_metrics row and its composition sums.</summary>
public sealed record ClusterUnitOutput(FirmClusterMetrics[] Firms, ClusterMetricsRow Row, ClusterComposition Composition, BetweennessMethod Betweenness);
