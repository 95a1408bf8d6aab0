using Pipeline.Grains.Input.Validation;
using Pipeline.Grains.Scenarios;
using Pipeline.Grains.Units;

namespace Pipeline.Grains.Output;

/// <summary>
/// The contract's output tables: names, column names, types and null rules in one place. Key and count columns are
/// REQUIRED, everything that may be null OPTIONAL. Bump <see cref="SchemaVersion"/> when a column is renamed or redefined.
/// </summary>
public static class OutputTables
{
    public const string SchemaVersion = "1.0";

    public static readonly OutputTable<FirmMetricsRow> FirmMetrics = new("firm_metrics",
    [
        OutputColumn<FirmMetricsRow>.Int64("firm_id", (in FirmMetricsRow r) => r.Cluster.FirmId),
        OutputColumn<FirmMetricsRow>.String("cluster_id", (in FirmMetricsRow r) => r.Cluster.ClusterId, required: true),
        OutputColumn<FirmMetricsRow>.String("province", (in FirmMetricsRow r) => r.Cluster.Province, required: false),
        OutputColumn<FirmMetricsRow>.Int64("degree", (in FirmMetricsRow r) => r.Cluster.Degree),
        OutputColumn<FirmMetricsRow>.RequiredDouble("strength", (in FirmMetricsRow r) => r.Cluster.Strength),
        OutputColumn<FirmMetricsRow>.Double("clustering", (in FirmMetricsRow r) => r.Cluster.Clustering),
        OutputColumn<FirmMetricsRow>.Double("betweenness", (in FirmMetricsRow r) => r.Cluster.Betweenness),
        OutputColumn<FirmMetricsRow>.Double("constraint", (in FirmMetricsRow r) => r.Cluster.Constraint),
        OutputColumn<FirmMetricsRow>.Double("effective_size", (in FirmMetricsRow r) => r.Cluster.EffectiveSize),
        OutputColumn<FirmMetricsRow>.Double("efficiency", (in FirmMetricsRow r) => r.Cluster.Efficiency),
        OutputColumn<FirmMetricsRow>.Double("external_tie_share", (in FirmMetricsRow r) => r.Supply.ExternalTieShare),
        OutputColumn<FirmMetricsRow>.Double("foreign_tie_share", (in FirmMetricsRow r) => r.Supply.ForeignTieShare),
        OutputColumn<FirmMetricsRow>.Double("top_customer_share", (in FirmMetricsRow r) => r.Supply.TopCustomerShare),
        OutputColumn<FirmMetricsRow>.Double("customer_hhi", (in FirmMetricsRow r) => r.Supply.CustomerHhi),
        OutputColumn<FirmMetricsRow>.Int64("brokerage_coordinator", (in FirmMetricsRow r) => r.Supply.Brokerage.Coordinator),
        OutputColumn<FirmMetricsRow>.Int64("brokerage_itinerant", (in FirmMetricsRow r) => r.Supply.Brokerage.Itinerant),
        OutputColumn<FirmMetricsRow>.Int64("brokerage_representative", (in FirmMetricsRow r) => r.Supply.Brokerage.Representative),
        OutputColumn<FirmMetricsRow>.Int64("brokerage_gatekeeper", (in FirmMetricsRow r) => r.Supply.Brokerage.Gatekeeper),
        OutputColumn<FirmMetricsRow>.Int64("brokerage_liaison", (in FirmMetricsRow r) => r.Supply.Brokerage.Liaison),
    ], partitionBy: "province");

    public static readonly OutputTable<ClusterMetricsRow> ClusterMetrics = new("cluster_metrics",
    [
        OutputColumn<ClusterMetricsRow>.String("cluster_id", (in ClusterMetricsRow r) => r.ClusterId, required: true),
        OutputColumn<ClusterMetricsRow>.String("name", (in ClusterMetricsRow r) => r.Name, required: false),
        OutputColumn<ClusterMetricsRow>.String("province", (in ClusterMetricsRow r) => r.Province, required: false),
        OutputColumn<ClusterMetricsRow>.String("prefecture", (in ClusterMetricsRow r) => r.Prefecture, required: false),
        OutputColumn<ClusterMetricsRow>.String("county", (in ClusterMetricsRow r) => r.County, required: false),
        OutputColumn<ClusterMetricsRow>.Int64("firms", (in ClusterMetricsRow r) => r.Firms),
        OutputColumn<ClusterMetricsRow>.Int64("links", (in ClusterMetricsRow r) => r.Links),
        OutputColumn<ClusterMetricsRow>.Int64("employees", (in ClusterMetricsRow r) => r.Employees),
        OutputColumn<ClusterMetricsRow>.RequiredDouble("revenue", (in ClusterMetricsRow r) => r.Revenue),
        OutputColumn<ClusterMetricsRow>.Double("export_share", (in ClusterMetricsRow r) => r.ExportShare),
        OutputColumn<ClusterMetricsRow>.Double("density", (in ClusterMetricsRow r) => r.Density),
        OutputColumn<ClusterMetricsRow>.Double("avg_clustering", (in ClusterMetricsRow r) => r.AvgClustering),
        OutputColumn<ClusterMetricsRow>.Double("degree_centralization", (in ClusterMetricsRow r) => r.DegreeCentralization),
        OutputColumn<ClusterMetricsRow>.Int64("components", (in ClusterMetricsRow r) => r.Components),
        OutputColumn<ClusterMetricsRow>.Double("largest_component_share", (in ClusterMetricsRow r) => r.LargestComponentShare),
        OutputColumn<ClusterMetricsRow>.Double("revenue_hhi", (in ClusterMetricsRow r) => r.RevenueHhi),
        OutputColumn<ClusterMetricsRow>.Double("cr4", (in ClusterMetricsRow r) => r.Cr4),
        OutputColumn<ClusterMetricsRow>.Double("variety", (in ClusterMetricsRow r) => r.Variety),
        OutputColumn<ClusterMetricsRow>.Double("unrelated_variety", (in ClusterMetricsRow r) => r.UnrelatedVariety),
        OutputColumn<ClusterMetricsRow>.Double("related_variety", (in ClusterMetricsRow r) => r.RelatedVariety),
        OutputColumn<ClusterMetricsRow>.Double("openness", (in ClusterMetricsRow r) => r.Openness),
        OutputColumn<ClusterMetricsRow>.Double("foreign_openness", (in ClusterMetricsRow r) => r.ForeignOpenness),
        OutputColumn<ClusterMetricsRow>.Double("local_sourcing_share", (in ClusterMetricsRow r) => r.LocalSourcingShare),
        OutputColumn<ClusterMetricsRow>.Double("low_end_share", (in ClusterMetricsRow r) => r.LowEndShare),
        OutputColumn<ClusterMetricsRow>.Double("high_value_share", (in ClusterMetricsRow r) => r.HighValueShare),
        OutputColumn<ClusterMetricsRow>.Int64("value_chain_stages", (in ClusterMetricsRow r) => r.ValueChainStages),
        OutputColumn<ClusterMetricsRow>.Double("robustness_targeted", (in ClusterMetricsRow r) => r.RobustnessTargeted),
        OutputColumn<ClusterMetricsRow>.Double("resistance", (in ClusterMetricsRow r) => r.Resistance),
        OutputColumn<ClusterMetricsRow>.Double("recovery", (in ClusterMetricsRow r) => r.Recovery),
        OutputColumn<ClusterMetricsRow>.Double("kinship_share", (in ClusterMetricsRow r) => r.KinshipShare),
        OutputColumn<ClusterMetricsRow>.Double("median_firm_age", (in ClusterMetricsRow r) => r.MedianFirmAge),
        OutputColumn<ClusterMetricsRow>.Double("entry_rate_5y", (in ClusterMetricsRow r) => r.EntryRate5y),
        OutputColumn<ClusterMetricsRow>.String("lifecycle_stage", (in ClusterMetricsRow r) => r.LifecycleStage, required: false),
    ]);

    public static readonly OutputTable<RegionMetricsRow> RegionMetrics = new("region_metrics",
    [
        OutputColumn<RegionMetricsRow>.String("level", (in RegionMetricsRow r) => r.Level, required: true),
        OutputColumn<RegionMetricsRow>.String("region", (in RegionMetricsRow r) => r.Region, required: true),
        OutputColumn<RegionMetricsRow>.Int64("clusters", (in RegionMetricsRow r) => r.Clusters),
        OutputColumn<RegionMetricsRow>.Int64("firms", (in RegionMetricsRow r) => r.Firms),
        OutputColumn<RegionMetricsRow>.Int64("employees", (in RegionMetricsRow r) => r.Employees),
        OutputColumn<RegionMetricsRow>.RequiredDouble("revenue", (in RegionMetricsRow r) => r.Revenue),
        OutputColumn<RegionMetricsRow>.Double("variety", (in RegionMetricsRow r) => r.Variety),
        OutputColumn<RegionMetricsRow>.Double("related_variety", (in RegionMetricsRow r) => r.RelatedVariety),
        OutputColumn<RegionMetricsRow>.Double("unrelated_variety", (in RegionMetricsRow r) => r.UnrelatedVariety),
        OutputColumn<RegionMetricsRow>.Double("openness", (in RegionMetricsRow r) => r.Openness),
        OutputColumn<RegionMetricsRow>.Double("foreign_openness", (in RegionMetricsRow r) => r.ForeignOpenness),
        OutputColumn<RegionMetricsRow>.Double("low_end_share", (in RegionMetricsRow r) => r.LowEndShare),
        OutputColumn<RegionMetricsRow>.Double("high_value_share", (in RegionMetricsRow r) => r.HighValueShare),
        OutputColumn<RegionMetricsRow>.Double("mean_density", (in RegionMetricsRow r) => r.MeanDensity),
        OutputColumn<RegionMetricsRow>.Double("mean_avg_clustering", (in RegionMetricsRow r) => r.MeanAvgClustering),
        OutputColumn<RegionMetricsRow>.Double("mean_robustness_targeted", (in RegionMetricsRow r) => r.MeanRobustnessTargeted),
        OutputColumn<RegionMetricsRow>.Double("mean_resistance", (in RegionMetricsRow r) => r.MeanResistance),
        OutputColumn<RegionMetricsRow>.Double("mean_recovery", (in RegionMetricsRow r) => r.MeanRecovery),
    ]);

    public static readonly OutputTable<ScenarioMetricsRow> ScenarioMetrics = new("scenario_metrics",
    [
        OutputColumn<ScenarioMetricsRow>.String("cluster_id", (in ScenarioMetricsRow r) => r.ClusterId, required: true),
        OutputColumn<ScenarioMetricsRow>.String("scenario", (in ScenarioMetricsRow r) => r.Scenario, required: true),
        OutputColumn<ScenarioMetricsRow>.OptionalInt64("removed_firm_id", (in ScenarioMetricsRow r) => r.RemovedFirmId),
        OutputColumn<ScenarioMetricsRow>.Int64("firms_after", (in ScenarioMetricsRow r) => r.FirmsAfter),
        OutputColumn<ScenarioMetricsRow>.Int64("components_after", (in ScenarioMetricsRow r) => r.ComponentsAfter),
        OutputColumn<ScenarioMetricsRow>.Double("largest_component_share_after", (in ScenarioMetricsRow r) => r.LargestComponentShareAfter),
        OutputColumn<ScenarioMetricsRow>.Double("avg_clustering_after", (in ScenarioMetricsRow r) => r.AvgClusteringAfter),
        OutputColumn<ScenarioMetricsRow>.Double("density_after", (in ScenarioMetricsRow r) => r.DensityAfter),
        OutputColumn<ScenarioMetricsRow>.Int64("isolated_firms", (in ScenarioMetricsRow r) => r.IsolatedFirms),
        OutputColumn<ScenarioMetricsRow>.Int64("firms_losing_half_sales", (in ScenarioMetricsRow r) => r.FirmsLosingHalfSales),
        OutputColumn<ScenarioMetricsRow>.Int64("employees_exposed", (in ScenarioMetricsRow r) => r.EmployeesExposed),
        OutputColumn<ScenarioMetricsRow>.RequiredDouble("revenue_at_risk", (in ScenarioMetricsRow r) => r.RevenueAtRisk),
        OutputColumn<ScenarioMetricsRow>.Double("delta_largest_component_share", (in ScenarioMetricsRow r) => r.DeltaLargestComponentShare),
        OutputColumn<ScenarioMetricsRow>.Double("delta_avg_clustering", (in ScenarioMetricsRow r) => r.DeltaAvgClustering),
    ]);

    public static readonly OutputTable<QuarantineRow> Quarantine = new("quarantine",
    [
        OutputColumn<QuarantineRow>.String("source_table", (in QuarantineRow r) => r.SourceTable, required: true),
        OutputColumn<QuarantineRow>.Int64("row_number", (in QuarantineRow r) => r.RowNumber),
        OutputColumn<QuarantineRow>.String("raw", (in QuarantineRow r) => r.Raw, required: true),
        OutputColumn<QuarantineRow>.String("reason_code", (in QuarantineRow r) => r.ReasonCode, required: true),
        OutputColumn<QuarantineRow>.String("reason", (in QuarantineRow r) => r.Reason, required: true),
    ]);
}
