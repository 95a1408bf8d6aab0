using System.Diagnostics;
using Pipeline.Generator.Calibration;
using Pipeline.Generator.Csv;

namespace Pipeline.Generator;

/// <summary>
/// Writes a synthetic national data set in the contract's input schema (clusters.csv, firms.csv, links.csv,
/// firm_years.csv), calibrated to domain.md: heavy-tailed cluster sizes, hub lead firms and preferential attachment,
/// kin communities, value-chain tiers with supply flowing up the chain, specialised-market traders as brokers, foreign
/// buyers, links across clusters and provinces, repeated links across 2005–2012, and a firm-year panel with a
/// 2008–2009 shock that hits export-heavy clusters harder. Streaming: cluster by cluster, memory bounded by the
/// largest cluster. Deterministic: each cluster draws from its own generator derived from the seed.
/// </summary>
public static class DatasetGenerator
{
    private static readonly string[] StageNames = ["materials", "components", "processing", "assembly", "branding", "design_rnd", "distribution"];
    private static readonly int[] StageTier = [0, 1, 2, 3, 4, 4, 5];
    private static readonly double[] StageWeights = [0.10, 0.25, 0.25, 0.20, 0.07, 0.05, 0.08];
    private static readonly string[] ForeignCountries = ["US", "DE", "JP", "IT", "GB", "FR", "KR", "NL"];

    public static GeneratorReport Generate(GeneratorOptions options, string outputDirectory, IProgress<GeneratorProgress>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outputDirectory);
        var shape = PresetShape.For(options.Preset);
        var plans = ClusterPlan.Plan(shape, SeededRandom.Derive(options.Seed, 0));
        long clustered = plans.Sum(p => (long)p.Firms);
        long nextId = plans[^1].FirstFirmId + plans[^1].Firms;
        var extras = new ExtraFirms(nextId, (long)(clustered * shape.UnclusteredShare), Math.Max(5, (long)(clustered * shape.TraderShare)), Math.Max(5, (long)(clustered * shape.ForeignShare)));

        using var clusters = new CsvFile(Path.Combine(outputDirectory, "clusters.csv"), "cluster_id", "name", "province", "prefecture", "county", "main_product", "cluster_type");
        using var firms = new CsvFile(Path.Combine(outputDirectory, "firms.csv"), "firm_id", "cluster_id", "name", "province", "prefecture", "county", "country",
            "industry_code", "value_chain_stage", "ownership", "founded_year", "employees", "revenue", "export_revenue", "in_specialized_market");
        using var links = new CsvFile(Path.Combine(outputDirectory, "links.csv"), "src_firm_id", "dst_firm_id", "kind", "weight", "year");
        using var panel = new CsvFile(Path.Combine(outputDirectory, "firm_years.csv"), "firm_id", "year", "employees", "revenue");

        foreach (var p in plans) clusters.Text(p.Id).Text(p.Name).Text(p.Province).Text(p.Prefecture).Text(p.County).Text(p.Product).Text(p.Type).End();

        double sumNm = 0;
        for (int c = 0; c < plans.Count; c++)
        {
            ct.ThrowIfCancellationRequested();
            var rng = SeededRandom.Derive(options.Seed, (ulong)c + 1);
            long internalEdges = WriteCluster(plans[c], rng, shape, clustered, extras, firms, links, panel);
            sumNm += (double)plans[c].Firms * internalEdges;
            progress?.Report(new GeneratorProgress("clusters", c + 1, plans.Count));
        }
        WriteExtraFirms(extras, SeededRandom.Derive(options.Seed, ulong.MaxValue), clustered, firms, links);

        var bad = options.BadRows > 0
            ? BadRows.Write(options.BadRows, SeededRandom.Derive(options.Seed, ulong.MaxValue - 1), plans, extras.End, clusters, firms, links, panel)
            : new Dictionary<string, IReadOnlyDictionary<string, long>>();
        return new GeneratorReport(clusters.Rows, firms.Rows, links.Rows, panel.Rows, sumNm, bad, clock.Elapsed);
    }

    /// <summary>Firms outside clusters: domestic unclustered firms, specialised-market traders, foreign buyers (contiguous id ranges).</summary>
    internal sealed record ExtraFirms(long FirstId, long Unclustered, long Traders, long Foreign)
    {
        public long TraderStart => FirstId + Unclustered;
        public long ForeignStart => TraderStart + Traders;
        public long End => ForeignStart + Foreign;
    }

    private static int PickStage(SeededRandom rng)
    {
        double r = rng.NextDouble();
        for (int s = 0; s < StageWeights.Length; s++) { if (r < StageWeights[s]) return s; r -= StageWeights[s]; }
        return StageWeights.Length - 1;
    }

    /// <summary>Writes one cluster's firms, internal links (preferential attachment + lead firms + kin groups, repeated across years), outward links and panel; returns its number of distinct-pair edges (approximately).</summary>
    private static long WriteCluster(ClusterPlan p, SeededRandom rng, PresetShape shape, long clustered, ExtraFirms extras, CsvFile firms, CsvFile links, CsvFile panel)
    {
        int n = p.Firms;
        int leads = Math.Max(1, n / 10_000);
        var stage = new int[n];
        var employees = new long[n];
        bool zhejiang = p.Province == "Zhejiang";
        for (int i = 0; i < n; i++)
        {
            long id = p.FirstFirmId + i;
            bool lead = i < leads;
            stage[i] = lead ? (rng.Chance(0.5) ? 3 : 4) : PickStage(rng);
            int founded = lead ? rng.NextInt(1980, 1995) : Math.Max(1978, 2012 - (int)rng.LogNormal(9, 0.7));
            employees[i] = Math.Max(1, (long)(lead ? rng.LogNormal(1500, 0.5) : rng.LogNormal(25, 0.9)));
            double revenue = Math.Round(employees[i] * rng.LogNormal(35, 0.5), 2);
            double export = Math.Round(Math.Min(revenue, revenue * p.ExportShare * (0.3 + 1.2 * rng.NextDouble())), 2);
            string ownership = p.Type == "fdi" && rng.Chance(0.4) ? (rng.Chance(0.5) ? "foreign" : "hmt")
                : rng.Chance(zhejiang ? 0.92 : 0.7) ? "private" : rng.Pick(new[] { "collective", "state", "foreign", "hmt" });
            firms.Int(id).Text(p.Id).Text($"{p.Name} firm {i + 1}").Text(p.Province).Text(p.Prefecture).Text(p.County).Text(rng.Chance(0.05) ? "CN" : null)
                .Text(rng.Chance(0.03) ? null : rng.Pick(p.Codes)).Text(rng.Chance(0.02) ? null : StageNames[stage[i]]).Text(ownership);
            if (rng.Chance(0.03)) firms.Empty(); else firms.Int(founded);
            if (rng.Chance(0.03)) firms.Empty(); else firms.Int(employees[i]);
            if (rng.Chance(0.03)) firms.Empty(); else firms.Num(revenue);
            if (rng.Chance(0.1)) firms.Empty(); else firms.Num(export);
            firms.Text(stage[i] == 6 && rng.Chance(0.5) ? "true" : "false").End();
            if (rng.Chance(shape.PanelShare)) WritePanel(id, employees[i], Math.Max(2005, founded), p.ExportShare, rng, panel);
        }

        long edges = 0;
        var endpoints = new List<int>(6 * n);
        for (int v = 1; v < n; v++)
        {
            int m = Math.Min(v, 3);
            for (int k = 0; k < m; k++)
            {
                int u = endpoints.Count > 0 && rng.Chance(0.7) ? endpoints[rng.NextInt(endpoints.Count)] : rng.NextInt(v);
                if (u == v) continue;
                Link(p, v, u, stage, rng, links);
                endpoints.Add(u); endpoints.Add(v);
                edges++;
            }
            if (v >= leads && rng.Chance(0.15)) { Link(p, v, rng.NextInt(leads), stage, rng, links); edges++; }
        }
        // Kin communities: small groups of neighbouring firms tied by kinship.
        for (int start = 0; start + 4 < n; start += 8)
        {
            if (!rng.Chance(0.3)) continue;
            int size = rng.NextInt(4, 9);
            for (int k = 0; k < size / 2 + 1; k++)
            {
                int a = start + rng.NextInt(Math.Min(size, n - start)), b = start + rng.NextInt(Math.Min(size, n - start));
                if (a != b) { links.Int(p.FirstFirmId + a).Int(p.FirstFirmId + b).Text("kinship").Empty().Int(rng.NextInt(2005, 2013)).End(); edges++; }
            }
        }
        // Outward: ~10% of links to other clusters (anywhere in the country), ~3% to foreign buyers.
        long outward = (long)(edges * 0.11), foreign = (long)(edges * 0.033);
        for (long k = 0; k < outward; k++)
        {
            long other = ClusterPlan.FirstId + (long)(rng.NextDouble() * clustered);
            long self = p.FirstFirmId + rng.NextInt(n);
            if (other == self) continue;
            bool sells = rng.Chance(0.5);
            links.Int(sells ? self : other).Int(sells ? other : self).Text(rng.Chance(0.8) ? "supply" : "subcontract").Num(Weight(rng)).Int(rng.NextInt(2005, 2013)).End();
        }
        for (long k = 0; k < foreign; k++)
        {
            long buyer = extras.ForeignStart + (long)(rng.NextDouble() * extras.Foreign);
            int seller = rng.NextInt(n);
            seller = rng.Chance(0.5) ? seller : seller % leads;
            links.Int(p.FirstFirmId + seller).Int(buyer).Text("supply").Num(Weight(rng)).Int(rng.NextInt(2005, 2013)).End();
        }
        return edges;
    }

    /// <summary>One link between cluster firms v and u (and, half the time, a repeat in another year): supply flows from the lower value-chain tier to the higher.</summary>
    private static void Link(ClusterPlan p, int v, int u, int[] stage, SeededRandom rng, CsvFile links)
    {
        double r = rng.NextDouble();
        string kind = r < 0.50 ? "supply" : r < 0.67 ? "subcontract" : r < 0.80 ? "production_sharing" : r < 0.85 ? "joint_venture"
            : r < 0.89 ? "licensing" : r < 0.94 ? "rnd" : "trade_channel";
        var (src, dst) = (kind is "supply" or "subcontract") && StageTier[stage[u]] < StageTier[stage[v]] ? (u, v) : (v, u);
        int repeats = rng.Chance(0.5) ? 2 : 1;
        for (int k = 0; k < repeats; k++)
        {
            links.Int(p.FirstFirmId + src).Int(p.FirstFirmId + dst).Text(kind);
            if (rng.Chance(0.1)) links.Empty(); else links.Num(Weight(rng));
            links.Int(rng.NextInt(2005, 2013)).End();
        }
    }

    private static double Weight(SeededRandom rng) => Math.Max(0.01, Math.Round(rng.LogNormal(2, 0.8), 2));

    /// <summary>Panel rows 2005–2012 from the entry year (5% exit early): trend growth, a 2009 fall that deepens with the cluster's export share, recovery after.</summary>
    private static void WritePanel(long id, long employees2008, int entry, double exportShare, SeededRandom rng, CsvFile panel)
    {
        int exit = rng.Chance(0.05) ? rng.NextInt(Math.Min(entry + 1, 2012), 2013) : 2012;
        double trend = 1.03 + 0.04 * rng.Normal();
        for (int y = entry; y <= exit; y++)
        {
            double level = employees2008 * Math.Pow(trend, y - 2008);
            if (y >= 2009) level *= 1 - (0.02 + 0.35 * exportShare) * (0.7 + 0.6 * rng.NextDouble());
            if (y >= 2011) level *= 1 + 0.10 * exportShare;
            long e = Math.Max(1, (long)Math.Round(level));
            panel.Int(id).Int(y);
            if (rng.Chance(0.02)) panel.Empty(); else panel.Int(e);
            panel.Num(Math.Round(e * 35.5, 2)).End();
        }
    }

    /// <summary>Domestic firms in no cluster (buying and selling with clusters), specialised-market traders (trade channels to many clusters), foreign buyers.</summary>
    private static void WriteExtraFirms(ExtraFirms x, SeededRandom rng, long clustered, CsvFile firms, CsvFile links)
    {
        long RandomClusterFirm() => ClusterPlan.FirstId + (long)(rng.NextDouble() * clustered);
        for (long id = x.FirstId; id < x.TraderStart; id++)
        {
            var (province, _, prefectures) = rng.Pick(Places.Provinces);
            var (prefecture, counties) = rng.Pick(prefectures);
            firms.Int(id).Empty().Text($"Firm {id}").Text(province).Text(prefecture).Text(rng.Pick(counties)).Empty().Text(rng.Pick(rng.Pick(Places.Products).Codes))
                .Text(StageNames[PickStage(rng)]).Text("private").Int(rng.NextInt(1985, 2012)).Int(rng.NextInt(3, 200)).Num(Math.Round(rng.LogNormal(800, 0.8), 2)).Empty().Text("false").End();
            for (int k = 0; k < 3; k++)
            {
                bool sells = rng.Chance(0.5);
                long other = RandomClusterFirm();
                links.Int(sells ? id : other).Int(sells ? other : id).Text("supply").Num(Weight(rng)).Int(rng.NextInt(2005, 2013)).End();
            }
        }
        for (long id = x.TraderStart; id < x.ForeignStart; id++)
        {
            firms.Int(id).Empty().Text($"Yiwu trader {id}").Text("Zhejiang").Text("Jinhua").Text("Yiwu").Empty().Text("5137").Text("distribution").Text("private")
                .Int(rng.NextInt(1990, 2012)).Int(rng.NextInt(2, 40)).Num(Math.Round(rng.LogNormal(500, 0.7), 2)).Num(Math.Round(rng.LogNormal(300, 0.7), 2)).Text("true").End();
            int ties = rng.NextInt(8, 30);
            for (int k = 0; k < ties; k++)
            {
                long other = RandomClusterFirm();
                bool buys = rng.Chance(0.6);
                links.Int(buys ? other : id).Int(buys ? id : other).Text(rng.Chance(0.5) ? "trade_channel" : "supply").Num(Weight(rng)).Int(rng.NextInt(2005, 2013)).End();
            }
        }
        for (long id = x.ForeignStart; id < x.End; id++)
            firms.Int(id).Empty().Text($"Foreign buyer {id}").Empty().Empty().Empty().Text(rng.Pick(ForeignCountries)).Empty()
                .Text(rng.Chance(0.5) ? "branding" : "distribution").Text("foreign").Empty().Empty().Empty().Empty().Text("false").End();
    }
}
