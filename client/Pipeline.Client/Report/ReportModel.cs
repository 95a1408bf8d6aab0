namespace Pipeline.Client.Report;

/// <summary>A cluster as the report shows it.</summary>
public sealed record ClusterPoint(string ClusterId, string Label, string Province, long Firms, double? Resistance, double? Recovery,
    double? Openness, double? ForeignOpenness, double? ValueChainPosition, double? Robustness, string Lifecycle);

/// <summary>A province row of <c>region_metrics</c> (level = province).</summary>
public sealed record ProvinceRow(string Province, long Clusters, long Firms, long Employees, double? MeanRobustness, double? Openness,
    double? HighValueShare, double? LowEndShare, double? MeanResistance, double? MeanRecovery);

/// <summary>A hub firm of one of the largest clusters.</summary>
public sealed record HubFirm(long FirmId, long Degree, double? Betweenness, double? Constraint, long Brokerage);

/// <summary>The largest clusters and their hub firms.</summary>
public sealed record ClusterHubs(ClusterPoint Cluster, IReadOnlyList<HubFirm> Hubs);

/// <summary>A cluster under one built-in scenario (a row of scenario_metrics).</summary>
public sealed record ScenarioExposure(ClusterPoint Cluster, string Scenario, long? RemovedFirmId, double? DeltaLargestComponentShare,
    long EmployeesExposed, long FirmsLosingHalfSales, double RevenueAtRisk);

/// <summary>The clusters most exposed to one built-in scenario: largest drop in largest-component share (drops only), most employees exposed (exposed only).</summary>
public sealed record ScenarioRanking(string Scenario, IReadOnlyList<ScenarioExposure> LargestDrop, IReadOnlyList<ScenarioExposure> MostEmployeesExposed);

/// <summary>
/// What the run report shows, computed from a run's tables (pure, no I/O):
/// resilience = <c>resistance</c> (Martin et al. 2016; ranked, with <c>recovery</c> beside it), openness =
/// <c>openness</c>, value-chain position = <c>high_value_share − low_end_share</c> (−1: all revenue in processing and
/// assembly, +1: all in design/R&amp;D, branding and distribution) against <c>robustness_targeted</c> (Schneider R),
/// provinces from <c>region_metrics</c>, and the hub firms (highest degree, ties by betweenness, then firm id) of
/// the largest clusters by firm count.
/// </summary>
public sealed record ReportModel(string RunId, IReadOnlyList<ClusterPoint> Clusters, IReadOnlyList<ProvinceRow> Provinces,
    IReadOnlyList<ClusterHubs> LargestClusters, long FirmRows)
{
    /// <summary>Per built-in scenario, the most exposed clusters (empty for a run without scenario_metrics).</summary>
    public IReadOnlyList<ScenarioRanking> Scenarios { get; init; } = [];

    public static readonly string[] ScenarioColumns =
        ["cluster_id", "scenario", "removed_firm_id", "delta_largest_component_share", "employees_exposed", "firms_losing_half_sales", "revenue_at_risk"];

    public static readonly string[] ClusterColumns =
        ["cluster_id", "name", "province", "firms", "resistance", "recovery", "openness", "foreign_openness", "low_end_share", "high_value_share", "robustness_targeted", "lifecycle_stage"];
    public static readonly string[] RegionColumns =
        ["level", "region", "clusters", "firms", "employees", "mean_robustness_targeted", "openness", "high_value_share", "low_end_share", "mean_resistance", "mean_recovery"];
    public static readonly string[] FirmColumns =
        ["firm_id", "cluster_id", "degree", "betweenness", "constraint", "brokerage_coordinator", "brokerage_itinerant", "brokerage_representative", "brokerage_gatekeeper", "brokerage_liaison"];

    public static ReportModel Build(string runId, RunTable clusters, RunTable regions, RunTable firms, int largestClusters = 6, int hubsPerCluster = 5,
        RunTable? scenarios = null, int scenarioClusters = 10)
    {
        var points = new List<ClusterPoint>(clusters.Count);
        for (int r = 0; r < clusters.Count; r++)
        {
            var id = clusters.String("cluster_id", r)!;
            var name = clusters.Has("name") ? clusters.String("name", r) : null;
            double? high = clusters.Double("high_value_share", r), low = clusters.Double("low_end_share", r);
            points.Add(new ClusterPoint(id, string.IsNullOrEmpty(name) ? id : $"{name} ({id})", clusters.String("province", r) ?? "",
                (long)(clusters.Double("firms", r) ?? 0), clusters.Double("resistance", r), clusters.Double("recovery", r),
                clusters.Double("openness", r), clusters.Double("foreign_openness", r),
                high is { } h && low is { } l ? h - l : null, clusters.Double("robustness_targeted", r),
                clusters.Has("lifecycle_stage") ? clusters.String("lifecycle_stage", r) ?? "unknown" : "unknown"));
        }

        var provinces = new List<ProvinceRow>();
        for (int r = 0; r < regions.Count; r++)
        {
            if (regions.String("level", r) != "province") continue;
            provinces.Add(new ProvinceRow(regions.String("region", r)!, (long)(regions.Double("clusters", r) ?? 0), (long)(regions.Double("firms", r) ?? 0),
                (long)(regions.Double("employees", r) ?? 0), regions.Double("mean_robustness_targeted", r), regions.Double("openness", r),
                regions.Double("high_value_share", r), regions.Double("low_end_share", r), regions.Double("mean_resistance", r), regions.Double("mean_recovery", r)));
        }
        provinces.Sort((a, b) => b.Employees != a.Employees ? b.Employees.CompareTo(a.Employees) : string.CompareOrdinal(a.Province, b.Province));

        var largest = points.OrderByDescending(p => p.Firms).ThenBy(p => p.ClusterId, StringComparer.Ordinal).Take(largestClusters).ToList();
        var wanted = largest.Select(c => c.ClusterId).ToHashSet(StringComparer.Ordinal);
        var hubs = largest.ToDictionary(c => c.ClusterId, _ => new List<HubFirm>(), StringComparer.Ordinal);
        for (int r = 0; r < firms.Count; r++)
        {
            var cluster = firms.String("cluster_id", r);
            if (cluster is null || !wanted.Contains(cluster)) continue;
            long brokerage = 0;
            foreach (var role in FirmColumns.Where(c => c.StartsWith("brokerage_", StringComparison.Ordinal)))
                brokerage += (long)(firms.Double(role, r) ?? 0);
            hubs[cluster].Add(new HubFirm((long)firms.Double("firm_id", r)!, (long)(firms.Double("degree", r) ?? 0),
                firms.Double("betweenness", r), firms.Double("constraint", r), brokerage));
        }
        var largestWithHubs = largest.Select(c => new ClusterHubs(c, hubs[c.ClusterId]
            .OrderByDescending(h => h.Degree).ThenByDescending(h => h.Betweenness ?? 0).ThenBy(h => h.FirmId)
            .Take(hubsPerCluster).ToList())).ToList();
        return new ReportModel(runId, points, provinces, largestWithHubs, firms.Count) { Scenarios = scenarios is null ? [] : RankScenarios(scenarios, points, scenarioClusters) };
    }

    /// <summary>For each built-in scenario: the clusters with the largest drop in largest-component share and those with the most employees exposed.</summary>
    public static IReadOnlyList<ScenarioRanking> RankScenarios(RunTable scenarios, IReadOnlyList<ClusterPoint> clusters, int each)
    {
        var byId = clusters.ToDictionary(c => c.ClusterId, StringComparer.Ordinal);
        var rows = new List<ScenarioExposure>();
        for (int r = 0; r < scenarios.Count; r++)
        {
            var scenario = scenarios.String("scenario", r)!;
            if (!Grains.Scenarios.ScenarioNames.IsBuiltIn(scenario) || !byId.TryGetValue(scenarios.String("cluster_id", r)!, out var cluster)) continue;
            rows.Add(new ScenarioExposure(cluster, scenario, (long?)scenarios.Double("removed_firm_id", r), scenarios.Double("delta_largest_component_share", r),
                (long)(scenarios.Double("employees_exposed", r) ?? 0), (long)(scenarios.Double("firms_losing_half_sales", r) ?? 0), scenarios.Double("revenue_at_risk", r) ?? 0));
        }
        var result = new List<ScenarioRanking>();
        foreach (var name in Grains.Scenarios.ScenarioNames.BuiltIn)
        {
            var of = rows.Where(x => x.Scenario == name).ToList();
            var drops = of.Where(x => x.DeltaLargestComponentShare < 0)
                .OrderBy(x => x.DeltaLargestComponentShare).ThenBy(x => x.Cluster.ClusterId, StringComparer.Ordinal).Take(each).ToList();
            var exposed = of.Where(x => x.EmployeesExposed > 0)
                .OrderByDescending(x => x.EmployeesExposed).ThenBy(x => x.Cluster.ClusterId, StringComparer.Ordinal).Take(each).ToList();
            result.Add(new ScenarioRanking(name, drops, exposed));
        }
        return result;
    }

    /// <summary>The top and bottom <paramref name="each"/> clusters by a value (all of them when there are few), nulls left out.</summary>
    public static IReadOnlyList<ClusterPoint> TopAndBottom(IEnumerable<ClusterPoint> clusters, Func<ClusterPoint, double?> value, int each)
    {
        var ranked = clusters.Where(c => value(c) is not null)
            .OrderByDescending(c => value(c)).ThenBy(c => c.ClusterId, StringComparer.Ordinal).ToList();
        if (ranked.Count <= 2 * each) return ranked;
        return [.. ranked.Take(each), .. ranked.Skip(ranked.Count - each)];
    }
}
