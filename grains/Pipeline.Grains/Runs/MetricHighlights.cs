using Pipeline.Grains.Units;

namespace Pipeline.Grains.Runs;

/// <summary>
/// The part of <see cref="RunHighlights"/> taken from the metric tables, computed where the tables are (by the
/// aggregation): the largest, densest and sparsest clusters and the most constrained firms.
/// </summary>
public sealed record MetricHighlights(
    IReadOnlyList<ClusterHighlight> Largest, IReadOnlyList<ClusterHighlight> Densest, IReadOnlyList<ClusterHighlight> Sparsest,
    IReadOnlyList<FirmHighlight> MostConstrained)
{
    public static MetricHighlights From(MetricTables tables)
    {
        var clusters = tables.Clusters;
        var sized = clusters.Where(c => c.Firms >= 10 && !double.IsNaN(c.Density)).ToList();
        return new MetricHighlights(
            [.. clusters.OrderByDescending(c => c.Firms).ThenBy(c => c.ClusterId, StringComparer.Ordinal).Take(5).Select(ClusterHighlight.Of)],
            [.. sized.OrderByDescending(c => c.Density).ThenBy(c => c.ClusterId, StringComparer.Ordinal).Take(3).Select(ClusterHighlight.Of)],
            [.. sized.OrderBy(c => c.Density).ThenBy(c => c.ClusterId, StringComparer.Ordinal).Take(3).Select(ClusterHighlight.Of)],
            [.. MostConstrainedFirms.Top(tables.Firms, 5).Select(f => new FirmHighlight(f.Cluster.FirmId, f.Cluster.ClusterId, f.Cluster.Degree, f.Cluster.Constraint, f.Supply.TopCustomerShare))]);
    }
}
