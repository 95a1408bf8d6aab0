using Pipeline.Grains.Units;

namespace Pipeline.Grains.Runs;

/// <summary>
/// The one-screen summary of a finished run, small enough to travel from the silo that ran it to the client that
/// follows it: rows per table, the largest, densest and sparsest clusters, the most constrained firms, the input
/// rows read and quarantined by reason, and the betweenness estimate used.
/// </summary>
public sealed record RunHighlights(
    string RunId, double ElapsedSeconds, IReadOnlyDictionary<string, long> TableRows,
    IReadOnlyList<ClusterHighlight> Largest, IReadOnlyList<ClusterHighlight> Densest, IReadOnlyList<ClusterHighlight> Sparsest,
    IReadOnlyList<FirmHighlight> MostConstrained, IReadOnlyList<InputTableHighlight> Input,
    int EstimatedClusters, int BetweennessPivots, int BetweennessExactMaxFirms)
{
    /// <summary>JSON as <see cref="RunJson"/> writes it, with NaN (a metric with no value) as a literal.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(RunJson.Options)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    public static RunHighlights FromJson(string json) => System.Text.Json.JsonSerializer.Deserialize<RunHighlights>(json, Json)!;

    public static RunHighlights From(RunResult result)
    {
        var m = result.Manifest;
        var clusters = result.Tables.Clusters;
        var sized = clusters.Where(c => c.Firms >= 10 && !double.IsNaN(c.Density)).ToList();
        return new RunHighlights(
            result.RunId, result.Elapsed.TotalSeconds,
            m.Tables.ToDictionary(t => t.Key, t => t.Value.Rows, StringComparer.Ordinal),
            [.. clusters.OrderByDescending(c => c.Firms).ThenBy(c => c.ClusterId, StringComparer.Ordinal).Take(5).Select(ClusterHighlight.Of)],
            [.. sized.OrderByDescending(c => c.Density).ThenBy(c => c.ClusterId, StringComparer.Ordinal).Take(3).Select(ClusterHighlight.Of)],
            [.. sized.OrderBy(c => c.Density).ThenBy(c => c.ClusterId, StringComparer.Ordinal).Take(3).Select(ClusterHighlight.Of)],
            [.. MostConstrainedFirms.Top(result.Tables.Firms, 5).Select(f => new FirmHighlight(f.Cluster.FirmId, f.Cluster.ClusterId, f.Cluster.Degree, f.Cluster.Constraint, f.Supply.TopCustomerShare))],
            [.. result.Quarantine.Tables.Select(t => new InputTableHighlight(t.Table, t.Read, t.Quarantined, new Dictionary<string, long>(t.ByReason, StringComparer.Ordinal)))],
            m.BetweennessEstimated.Count, m.Settings.BetweennessPivots, m.Settings.BetweennessExactMaxFirms);
    }
}

/// <summary>A cluster in <see cref="RunHighlights"/>.</summary>
public sealed record ClusterHighlight(string ClusterId, string Name, string Province, long Firms, long Links, double Density, double AvgClustering, double RobustnessTargeted)
{
    public static ClusterHighlight Of(ClusterMetricsRow c) => new(c.ClusterId, c.Name, c.Province, c.Firms, c.Links, c.Density, c.AvgClustering, c.RobustnessTargeted);
}

/// <summary>A firm in <see cref="RunHighlights"/>.</summary>
public sealed record FirmHighlight(long FirmId, string ClusterId, long Degree, double Constraint, double TopCustomerShare);

/// <summary>An input table's rows in <see cref="RunHighlights"/>.</summary>
public sealed record InputTableHighlight(string Table, long Read, long Quarantined, IReadOnlyDictionary<string, long> ByReason);
