using Pipeline.Metrics;

namespace Pipeline.Grains.Units;

/// <summary>
/// The per-firm-partition unit of work: the firm metrics that need the whole data set — ties outside the cluster
/// and abroad, dependence on the largest customer, Gould–Fernandez brokerage on the supply graph — for the
/// clustered firms of one partition (hash of firm_id), plus region openness sums over the tie pairs it owns
/// (a pair {i, j} is owned by the partition of min(i, j) so each is counted once). Pure: reads the
/// <see cref="CountryIndex"/>, returns rows.
/// </summary>
public static class FirmPartitionComputation
{
    public static FirmPartitionOutput Compute(int partition, CountryIndex index)
    {
        var firms = index.PartitionFirms[partition];
        int clustered = 0;
        foreach (var f in firms) if (index.ClusterOf[f] >= 0) clustered++;
        var egos = new int[clustered];
        int k = 0;
        foreach (var f in firms) if (index.ClusterOf[f] >= 0) egos[k++] = f;

        var brokerage = new BrokerageCounts[clustered];
        Brokerage.ForEgos(index.Supply, index.Group, egos, brokerage);

        var rows = new FirmSupplyMetrics[clustered];
        for (int e = 0; e < egos.Length; e++)
        {
            int f = egos[e];
            TieShares(index, f, out var external, out var foreign);
            var customers = index.Supply.OutWeights(f);
            rows[e] = new FirmSupplyMetrics(index.FirmIds[f], external, foreign,
                Dependence.TopCustomerShare(customers), Dependence.CustomerHhi(customers), brokerage[e]);
        }

        var openness = new RegionOpenness(index.Regions.Count);
        foreach (var f in firms) AddOpenness(index, f, openness);
        return new FirmPartitionOutput(partition, rows, openness);
    }

    /// <summary>external_tie_share and foreign_tie_share of firm <paramref name="f"/>: weight to firms outside its cluster (resp. abroad) / all its link weight.</summary>
    private static void TieShares(CountryIndex index, int f, out double external, out double foreign)
    {
        var neighbours = index.Ties.Neighbors(f);
        var weights = index.Ties.Weights(f);
        int cluster = index.ClusterOf[f];
        double total = 0, outside = 0, abroad = 0;
        for (int i = 0; i < neighbours.Length; i++)
        {
            int j = neighbours[i];
            double w = weights[i];
            total += w;
            if (index.ClusterOf[j] != cluster) outside += w;
            if (index.Foreign[j]) abroad += w;
        }
        external = total > 0 ? outside / total : double.NaN;
        foreign = total > 0 ? abroad / total : double.NaN;
    }

    private static void AddOpenness(CountryIndex index, int f, RegionOpenness sums)
    {
        var neighbours = index.Ties.Neighbors(f);
        var weights = index.Ties.Weights(f);
        int cf = index.ClusterOf[f];
        for (int i = 0; i < neighbours.Length; i++)
        {
            int j = neighbours[i];
            if (j < f) continue; // the pair belongs to min(f, j)
            int cj = index.ClusterOf[j];
            if (cf < 0 && cj < 0) continue;
            double w = weights[i];
            for (int l = 0; l < RegionIndex.Levels; l++)
            {
                var level = (RegionLevel)l;
                int rf = cf >= 0 ? index.Regions.RegionOf(cf, level) : -1;
                int rj = cj >= 0 ? index.Regions.RegionOf(cj, level) : -1;
                if (rf >= 0)
                {
                    sums.Total[rf] += w;
                    if (rj != rf) { sums.Open[rf] += w; if (index.Foreign[j]) sums.ForeignOpen[rf] += w; }
                }
                if (rj >= 0 && rj != rf)
                {
                    sums.Total[rj] += w;
                    sums.Open[rj] += w;
                    if (index.Foreign[f]) sums.ForeignOpen[rj] += w;
                }
            }
        }
    }
}
