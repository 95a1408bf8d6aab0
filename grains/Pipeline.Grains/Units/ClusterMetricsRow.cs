namespace Pipeline.Grains.Units;

/// <summary>One row of cluster_metrics (contract). NaN stands for null; <see cref="LifecycleStage"/> null when undetermined.</summary>
public sealed record ClusterMetricsRow
{
    public required string ClusterId { get; init; }
    public required string Name { get; init; }
    public required string Province { get; init; }
    public required string Prefecture { get; init; }
    public required string County { get; init; }
    public long Firms { get; init; }
    public long Links { get; init; }
    public long Employees { get; init; }
    public double Revenue { get; init; }
    public double ExportShare { get; init; }
    public double Density { get; init; }
    public double AvgClustering { get; init; }
    public double DegreeCentralization { get; init; }
    public long Components { get; init; }
    public double LargestComponentShare { get; init; }
    public double RevenueHhi { get; init; }
    public double Cr4 { get; init; }
    public double Variety { get; init; }
    public double UnrelatedVariety { get; init; }
    public double RelatedVariety { get; init; }
    public double Openness { get; init; }
    public double ForeignOpenness { get; init; }
    public double LocalSourcingShare { get; init; }
    public double LowEndShare { get; init; }
    public double HighValueShare { get; init; }
    public long ValueChainStages { get; init; }
    public double RobustnessTargeted { get; init; }
    public double Resistance { get; init; }
    public double Recovery { get; init; }
    public double KinshipShare { get; init; }
    public double MedianFirmAge { get; init; }
    public double EntryRate5y { get; init; }
    public string? LifecycleStage { get; init; }
}
