using Pipeline.Generator.Clusters;
using Pipeline.Generator.Csv;
using Pipeline.Generator.Firms;

namespace Pipeline.Generator.Links;

/// <summary>
/// A cluster's links to the outside: to firms of other clusters anywhere in the country (≈ 10% of all links; lead firms
/// over-represented; the cluster's specialised-market traders also sell producers' goods from other clusters), and supply
/// to foreign buyers (≈ 3% of links on average, more in export-heavy clusters; the seller is drawn in proportion to its
/// export share).
/// </summary>
internal static class OutwardLinks
{
    private static readonly double[] KindMix = [0.55, 0.15, 0.12, 0.05, 0.06, 0.07, 0, 0];

    /// <summary>Writes the outward links of a cluster whose internal links took <paramref name="internalRows"/> rows; returns rows written.</summary>
    public static long Write(ClusterPlan plan, ClusterFirms firms, long internalRows, DataSetLayout layout, SeededRandom rng, CsvBuffer links)
    {
        int n = firms.Count;
        long rows = 0;
        long across = (long)Math.Round(internalRows * 0.115);
        long others = layout.ClusteredFirms - n;
        for (long k = 0; k < across && others > 0; k++)
        {
            int self = rng.Chance(0.2) ? rng.NextInt(firms.Leads) : rng.NextInt(n);
            long other = ClusterPlan.FirstId + rng.NextLong(others);
            if (other >= plan.FirstFirmId) other += n;
            int kind = rng.PickWeighted(KindMix);
            bool sells = rng.Chance(0.5);
            long a = plan.FirstFirmId + self;
            LinkRows.One(links, sells ? a : other, sells ? other : a, kind, rng);
            rows++;
        }

        // The cluster's specialised-market traders also sell the goods of producers in other clusters (brokers between clusters).
        foreach (int t in firms.Traders)
        {
            int k = (int)Math.Clamp(rng.LogNormal(6, 0.6), 2, 40);
            for (int j = 0; j < k && others > 0; j++)
            {
                long other = ClusterPlan.FirstId + rng.NextLong(others);
                if (other >= plan.FirstFirmId) other += n;
                rows += LinkRows.Repeated(links, other, plan.FirstFirmId + t, LinkKinds.TradeChannel, rng);
            }
        }

        long foreign = (long)Math.Round(internalRows * 0.034 * Math.Min(2.0, plan.ExportShare / 0.4));
        for (long k = 0; k < foreign; k++)
        {
            int self = rng.NextInt(n);
            for (int tries = 0; tries < 4 && rng.NextDouble() > firms.ExportShare[self]; tries++) self = rng.NextInt(n);
            long buyer = layout.ForeignStart + rng.NextLong(layout.Foreign);
            LinkRows.One(links, plan.FirstFirmId + self, buyer, LinkKinds.Supply, rng);
            rows++;
        }
        return rows;
    }
}
