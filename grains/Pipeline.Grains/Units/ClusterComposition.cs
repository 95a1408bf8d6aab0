namespace Pipeline.Grains.Units;

/// <summary>
/// Additive sums a cluster unit hands to the aggregation so region indicators can be recomputed over the
/// region's cluster firms without the firms themselves: employment by 4-character industry code (variety),
/// revenue by value-chain group (low-end and high-value shares).
/// </summary>
public sealed class ClusterComposition
{
    public Dictionary<string, double> EmploymentByIndustry { get; } = new(StringComparer.Ordinal);
    /// <summary>Revenue of firms with both a stage and a revenue (the value-chain shares' denominator).</summary>
    public double StagedRevenue { get; set; }
    public double LowEndRevenue { get; set; }
    public double HighValueRevenue { get; set; }

    public void Add(ClusterComposition other)
    {
        foreach (var (code, e) in other.EmploymentByIndustry)
            EmploymentByIndustry[code] = EmploymentByIndustry.GetValueOrDefault(code) + e;
        StagedRevenue += other.StagedRevenue;
        LowEndRevenue += other.LowEndRevenue;
        HighValueRevenue += other.HighValueRevenue;
    }
}
