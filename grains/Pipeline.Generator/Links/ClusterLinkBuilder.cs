using Pipeline.Generator.Clusters;
using Pipeline.Generator.Csv;
using Pipeline.Generator.Firms;

namespace Pipeline.Generator.Links;

/// <summary>
/// The links inside one cluster (domain.md's structures), each pair written with parallel rows across years:
/// <list type="bullet">
/// <item>preferential attachment (Barabási–Albert, 2–3 ties per entering firm, 65% of targets drawn by degree): a
/// scale-free core; with the hubs, kin groups and traders below the cluster graph has mean degree ≈ 6.5;</item>
/// <item>hub lead firms: ~12% of firms (25% in lead-firm-centred clusters) supply or work for a lead firm, the first
/// lead taking about a third of them, so hubs of large clusters reach degrees in the thousands;</item>
/// <item>kin communities: runs of 3–6 consecutive firms, 30% of the time, tied by kinship links;</item>
/// <item>specialised-market traders: each buys through trade channels from 5 to a few hundred producers.</item>
/// </list>
/// Supply and subcontract links point up the value chain (src on the lower tier sells to dst).
/// </summary>
internal static class ClusterLinkBuilder
{
    /// <summary>Writes the cluster's internal links; returns the rows written and the distinct linked pairs (cluster-graph edges).</summary>
    public static (long Rows, long Edges) Write(ClusterPlan plan, ClusterFirms firms, SeededRandom rng, CsvBuffer links)
    {
        int n = firms.Count;
        var pairs = new HashSet<long>(n * 7 / 2);
        long rows = 0;
        var endpoints = new int[2 * 3 * n + 2];
        int ends = 0;

        void Edge(int a, int b, int kind, bool repeated)
        {
            if (a == b) return;
            pairs.Add(a < b ? (long)a * n + b : (long)b * n + a);
            long src = plan.FirstFirmId + a, dst = plan.FirstFirmId + b;
            rows += repeated ? LinkRows.Repeated(links, src, dst, kind, rng) : WriteOne(links, src, dst, kind, rng);
        }

        void Business(int a, int b)
        {
            int ta = ValueChain.Tier[firms.Stage[a]], tb = ValueChain.Tier[firms.Stage[b]];
            int kind = rng.PickWeighted(ta == tb ? LinkKinds.SameTier : LinkKinds.AcrossTiers);
            bool aSells = ta == tb ? rng.Chance(0.5) : ta < tb;
            if (LinkKinds.Directed(kind) && !aSells) Edge(b, a, kind, true);
            else Edge(a, b, kind, true);
        }

        // Preferential attachment.
        for (int v = 1; v < n; v++)
        {
            int m = Math.Min(v, rng.Chance(0.5) ? 3 : 2);
            int previous = -1;
            for (int k = 0; k < m; k++)
            {
                int u = ends > 0 && rng.Chance(0.65) ? endpoints[rng.NextInt(ends)] : rng.NextInt(v);
                if (u == previous || u == v) continue;
                previous = u;
                Business(v, u);
                endpoints[ends++] = u;
                endpoints[ends++] = v;
            }
        }

        // Lead firms as hubs: suppliers and subcontractors around them.
        double toLead = plan.Type == "lead_firm_centred" ? 0.25 : 0.12;
        for (int i = firms.Leads; i < n; i++)
        {
            if (!rng.Chance(toLead)) continue;
            double u = rng.NextDouble();
            int lead = (int)(firms.Leads * u * u);
            int kind = rng.Chance(0.5) ? LinkKinds.Subcontract : LinkKinds.Supply;
            if (ValueChain.Tier[firms.Stage[i]] <= ValueChain.Tier[firms.Stage[lead]]) Edge(i, lead, kind, true);
            else Edge(lead, i, LinkKinds.Supply, true);
        }

        // Kin communities.
        for (int start = 0; start + 3 <= n;)
        {
            int size = Math.Min(n - start, rng.NextInt(3, 7));
            if (rng.Chance(0.3))
                for (int a = start; a < start + size; a++)
                    for (int b = a + 1; b < start + size; b++)
                        if (rng.Chance(0.6)) Edge(a, b, LinkKinds.Kinship, false);
            start += size;
        }

        // Specialised-market traders selling producers' goods.
        foreach (int t in firms.Traders)
        {
            int k = (int)Math.Clamp(rng.LogNormal(25, 0.7), 5, Math.Max(5, n / 3));
            for (int j = 0; j < k; j++) Edge(rng.NextInt(n), t, LinkKinds.TradeChannel, true);
        }
        return (rows, pairs.Count);
    }

    private static int WriteOne(CsvBuffer links, long src, long dst, int kind, SeededRandom rng)
    {
        LinkRows.One(links, src, dst, kind, rng);
        return 1;
    }
}
