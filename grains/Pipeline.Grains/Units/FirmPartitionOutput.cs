namespace Pipeline.Grains.Units;

/// <summary>
/// Additive link-weight sums per region (indexed by region id) for region openness: total weight of links with at
/// least one end in the region's cluster firms, of those with exactly one end there, and of those whose other end is foreign.
/// </summary>
public sealed class RegionOpenness(int regions)
{
    public double[] Total { get; } = new double[regions];
    public double[] Open { get; } = new double[regions];
    public double[] ForeignOpen { get; } = new double[regions];

    public void Add(RegionOpenness other)
    {
        for (int r = 0; r < Total.Length; r++)
        {
            Total[r] += other.Total[r]; Open[r] += other.Open[r]; ForeignOpen[r] += other.ForeignOpen[r];
        }
    }
}

/// <summary>What a firm partition unit returns: its clustered firms' supply-side metrics (sorted by firm_id) and its region openness sums.</summary>
public sealed record FirmPartitionOutput(int Partition, FirmSupplyMetrics[] Firms, RegionOpenness Openness);
