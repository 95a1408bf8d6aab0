namespace Pipeline.Grains.Scenarios;

/// <summary>One row of scenario_metrics (contract): a cluster under one shock scenario. NaN stands for null.</summary>
public sealed record ScenarioMetricsRow
{
    public required string ClusterId { get; init; }
    public required string Scenario { get; init; }
    /// <summary>The firm that leaves (the buyer for top_buyer_exit); null for foreign_demand_stop, user scenarios and when there is none.</summary>
    public long? RemovedFirmId { get; init; }
    public long FirmsAfter { get; init; }
    public long ComponentsAfter { get; init; }
    public double LargestComponentShareAfter { get; init; }
    public double AvgClusteringAfter { get; init; }
    public double DensityAfter { get; init; }
    public long IsolatedFirms { get; init; }
    public long FirmsLosingHalfSales { get; init; }
    public long EmployeesExposed { get; init; }
    public double RevenueAtRisk { get; init; }
    public double DeltaLargestComponentShare { get; init; }
    public double DeltaAvgClustering { get; init; }
}
