namespace Pipeline.Grains.Units;

/// <summary>One row of region_metrics (contract). NaN stands for null.</summary>
public sealed record RegionMetricsRow
{
    public required string Level { get; init; }
    public required string Region { get; init; }
    public long Clusters { get; init; }
    public long Firms { get; init; }
    public long Employees { get; init; }
    public double Revenue { get; init; }
    public double Variety { get; init; }
    public double RelatedVariety { get; init; }
    public double UnrelatedVariety { get; init; }
    public double Openness { get; init; }
    public double ForeignOpenness { get; init; }
    public double LowEndShare { get; init; }
    public double HighValueShare { get; init; }
    public double MeanDensity { get; init; }
    public double MeanAvgClustering { get; init; }
    public double MeanRobustnessTargeted { get; init; }
    public double MeanResistance { get; init; }
    public double MeanRecovery { get; init; }
}
