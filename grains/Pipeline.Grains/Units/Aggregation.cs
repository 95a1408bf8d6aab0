using Pipeline.Grains.Model;
using Pipeline.Grains.Scenarios;
using Pipeline.Metrics;

namespace Pipeline.Grains.Units;

/// <summary>
/// The aggregation unit: joins each firm's two halves (cluster unit, firm partition unit) on firm_id into
/// firm_metrics, orders cluster_metrics by cluster_id, and computes region_metrics for county, prefecture,
/// province and nation from the clusters' rows, composition sums and the partitions' openness sums.
/// </summary>
public static class Aggregation
{
    public static MetricTables Compute(
        IReadOnlyList<ClusterRecord> clusters,
        RegionIndex regions,
        IReadOnlyList<ClusterUnitOutput> clusterOutputs,
        IReadOnlyList<FirmPartitionOutput> partitionOutputs)
    {
        var firms = JoinFirms(clusterOutputs, partitionOutputs);

        var byCluster = new Dictionary<string, ClusterUnitOutput>(clusterOutputs.Count, StringComparer.Ordinal);
        foreach (var o in clusterOutputs) byCluster.Add(o.Row.ClusterId, o);
        var clusterRows = new ClusterMetricsRow[clusters.Count];
        for (int c = 0; c < clusters.Count; c++)
        {
            if (!byCluster.TryGetValue(clusters[c].ClusterId, out var o))
                throw new InvalidOperationException($"No result for cluster '{clusters[c].ClusterId}'.");
            clusterRows[c] = o.Row;
        }
        Array.Sort(clusterRows, (a, b) => string.CompareOrdinal(a.ClusterId, b.ClusterId));

        var openness = new RegionOpenness(regions.Count);
        foreach (var p in partitionOutputs) openness.Add(p.Openness);
        var regionRows = Regions(clusters, regions, byCluster, openness);
        return new MetricTables(firms, clusterRows, regionRows) { Scenarios = Scenarios(clusterOutputs) };
    }

    /// <summary>Every cluster's scenario rows, sorted by cluster_id, then scenario (each unit's rows are sorted by scenario).</summary>
    private static ScenarioMetricsRow[] Scenarios(IReadOnlyList<ClusterUnitOutput> clusterOutputs)
    {
        var ordered = new ClusterUnitOutput[clusterOutputs.Count];
        int count = 0;
        for (int i = 0; i < ordered.Length; i++) { ordered[i] = clusterOutputs[i]; count += ordered[i].Scenarios.Length; }
        Array.Sort(ordered, (a, b) => string.CompareOrdinal(a.Row.ClusterId, b.Row.ClusterId));
        var rows = new ScenarioMetricsRow[count];
        int k = 0;
        foreach (var o in ordered) { o.Scenarios.CopyTo(rows, k); k += o.Scenarios.Length; }
        return rows;
    }

    /// <summary>
    /// Joins the two halves of every firm on firm_id, in firm_id order. Only keys and (output, position) pairs are
    /// sorted — 16 bytes per firm and side — and each row is built once from the unit outputs, so the join needs
    /// little more memory than its result.
    /// </summary>
    private static FirmMetricsRow[] JoinFirms(IReadOnlyList<ClusterUnitOutput> clusterOutputs, IReadOnlyList<FirmPartitionOutput> partitionOutputs)
    {
        int count = 0;
        foreach (var o in clusterOutputs) count += o.Firms.Length;
        var leftKeys = new long[count];
        var leftAt = new long[count];
        int k = 0;
        for (int o = 0; o < clusterOutputs.Count; o++)
        {
            var firms = clusterOutputs[o].Firms;
            for (int i = 0; i < firms.Length; i++) { leftKeys[k] = firms[i].FirmId; leftAt[k++] = ((long)o << 32) | (uint)i; }
        }
        Array.Sort(leftKeys, leftAt);

        int rightCount = 0;
        foreach (var p in partitionOutputs) rightCount += p.Firms.Length;
        if (count != rightCount)
            throw new InvalidOperationException($"Firm halves do not match: {count} from clusters, {rightCount} from firm partitions.");
        var rightKeys = new long[rightCount];
        var rightAt = new long[rightCount];
        k = 0;
        for (int p = 0; p < partitionOutputs.Count; p++)
        {
            var firms = partitionOutputs[p].Firms;
            for (int i = 0; i < firms.Length; i++) { rightKeys[k] = firms[i].FirmId; rightAt[k++] = ((long)p << 32) | (uint)i; }
        }
        Array.Sort(rightKeys, rightAt);

        var rows = new FirmMetricsRow[count];
        for (int i = 0; i < count; i++)
        {
            if (leftKeys[i] != rightKeys[i])
                throw new InvalidOperationException($"Firm halves do not match at firm_id {leftKeys[i]} / {rightKeys[i]}.");
            long l = leftAt[i], r = rightAt[i];
            rows[i] = new FirmMetricsRow(clusterOutputs[(int)(l >> 32)].Firms[(int)l], partitionOutputs[(int)(r >> 32)].Firms[(int)r]);
        }
        return rows;
    }

    private static RegionMetricsRow[] Regions(IReadOnlyList<ClusterRecord> clusters, RegionIndex regions,
        Dictionary<string, ClusterUnitOutput> byCluster, RegionOpenness openness)
    {
        int r = regions.Count;
        var acc = new RegionAccumulator[r];
        for (int i = 0; i < r; i++) acc[i] = new RegionAccumulator();
        for (int c = 0; c < clusters.Count; c++)
        {
            var o = byCluster[clusters[c].ClusterId];
            for (int l = 0; l < RegionIndex.Levels; l++) acc[regions.RegionOf(c, (RegionLevel)l)].Add(o);
        }

        var rows = new RegionMetricsRow[r];
        for (int i = 0; i < r; i++)
        {
            var (level, name) = regions.Regions[i];
            var a = acc[i];
            var (variety, related, unrelated) = Diversity.FromTotals(a.Composition.EmploymentByIndustry);
            rows[i] = new RegionMetricsRow
            {
                Level = RegionIndex.LevelName(level),
                Region = name,
                Clusters = a.Clusters,
                Firms = a.Firms,
                Employees = a.Employees,
                Revenue = a.Revenue,
                Variety = variety,
                RelatedVariety = related,
                UnrelatedVariety = unrelated,
                Openness = Ratio(openness.Open[i], openness.Total[i]),
                ForeignOpenness = Ratio(openness.ForeignOpen[i], openness.Total[i]),
                LowEndShare = Ratio(a.Composition.LowEndRevenue, a.Composition.StagedRevenue),
                HighValueShare = Ratio(a.Composition.HighValueRevenue, a.Composition.StagedRevenue),
                MeanDensity = a.Density.Mean,
                MeanAvgClustering = a.AvgClustering.Mean,
                MeanRobustnessTargeted = a.Robustness.Mean,
                MeanResistance = a.Resistance.Mean,
                MeanRecovery = a.Recovery.Mean,
            };
        }
        Array.Sort(rows, (x, y) => string.CompareOrdinal(x.Level, y.Level) is var cmp && cmp != 0 ? cmp : string.CompareOrdinal(x.Region, y.Region));
        return rows;
    }

    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : double.NaN;

    /// <summary>Sums of one region's clusters.</summary>
    private sealed class RegionAccumulator
    {
        public long Clusters, Firms, Employees;
        public double Revenue;
        public readonly ClusterComposition Composition = new();
        public WeightedMean Density, AvgClustering, Robustness, Resistance, Recovery;

        public void Add(ClusterUnitOutput o)
        {
            var row = o.Row;
            Clusters++;
            Firms += row.Firms;
            Employees = checked(Employees + row.Employees);
            Revenue += row.Revenue;
            Composition.Add(o.Composition);
            double weight = row.Employees;
            Density.Add(row.Density, weight);
            AvgClustering.Add(row.AvgClustering, weight);
            Robustness.Add(row.RobustnessTargeted, weight);
            Resistance.Add(row.Resistance, weight);
            Recovery.Add(row.Recovery, weight);
        }
    }

    /// <summary>Employment-weighted mean over clusters whose value is not null and whose employment is positive.</summary>
    private struct WeightedMean
    {
        private double _sum, _weight;

        public void Add(double value, double weight)
        {
            if (double.IsNaN(value) || !(weight > 0)) return;
            _sum += value * weight;
            _weight += weight;
        }

        public readonly double Mean => _weight > 0 ? _sum / _weight : double.NaN;
    }
}
