using Pipeline.Grains.Model;
using Pipeline.Grains.Output;

namespace Pipeline.Grains.Units;

/// <summary>
/// What the aggregation of a run needs besides its unit outputs: the clusters in input order with their region index
/// (built from them), the run id and output options its metric tables are written with, and whether scenario_metrics
/// is one of them (scenarios only add a table: the others are the same bytes with them or without).
/// </summary>
public sealed record AggregationInput(string RunId, IReadOnlyList<ClusterRecord> Clusters, RegionIndex Regions, OutputOptions Output, bool WritesScenarios);
