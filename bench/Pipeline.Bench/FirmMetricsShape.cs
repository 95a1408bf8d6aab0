namespace Pipeline.Bench;

/// <summary>
/// A deterministic synthetic table shaped like the <c>firm_metrics</c> output (same 19 columns, types and null rules
/// as OutputTables.FirmMetrics): sorted firm ids with gaps, ~50,000 cluster ids, 31 provinces, heavy-tailed degrees,
/// full-precision ratios (zero for low-degree firms, null where the contract allows it) and small brokerage counts.
/// Row r is a pure function of r (splitmix64), so the data costs no memory and every tool sees the same rows.
/// </summary>
public static class FirmMetricsShape
{
    public static readonly string[] Names =
    [
        "firm_id", "cluster_id", "province", "degree", "strength", "clustering", "betweenness", "constraint", "effective_size",
        "efficiency", "external_tie_share", "foreign_tie_share", "top_customer_share", "customer_hhi", "brokerage_coordinator",
        "brokerage_itinerant", "brokerage_representative", "brokerage_gatekeeper", "brokerage_liaison",
    ];

    private static readonly string[] Provinces =
    [
        "Anhui", "Beijing", "Chongqing", "Fujian", "Gansu", "Guangdong", "Guangxi", "Guizhou", "Hainan", "Hebei", "Heilongjiang",
        "Henan", "Hubei", "Hunan", "Inner Mongolia", "Jiangsu", "Jiangxi", "Jilin", "Liaoning", "Ningxia", "Qinghai", "Shaanxi",
        "Shandong", "Shanghai", "Shanxi", "Sichuan", "Tianjin", "Tibet", "Xinjiang", "Yunnan", "Zhejiang",
    ];

    private static readonly string[] Clusters = [.. Enumerable.Range(0, 50_000).Select(i => $"{Provinces[i % 31][..2].ToUpperInvariant()}-C{i:D6}")];

    /// <summary>One row's values (nullable doubles as NaN = null; province null as null).</summary>
    public struct Row
    {
        public long FirmId, Degree, Coordinator, Itinerant, Representative, Gatekeeper, Liaison;
        public string ClusterId;
        public string? Province;
        public double Strength, Clustering, Betweenness, Constraint, EffectiveSize, Efficiency, External, Foreign, TopCustomer, Hhi;
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static double U(ulong h) => (h >> 11) * (1.0 / (1UL << 53));

    public static void Fill(long r, ref Row row)
    {
        ulong h = Mix((ulong)r);
        row.FirmId = 1_000_000 + r * 3 + (long)(h & 1);
        int cluster = (int)(Mix(h) % (ulong)Clusters.Length);
        row.ClusterId = Clusters[cluster];
        row.Province = (h >> 8) % 100 == 0 ? null : Provinces[cluster % 31];
        ulong h2 = Mix(h + 1), h3 = Mix(h + 2), h4 = Mix(h + 3);
        long degree = (long)Math.Min(400, Math.Floor(-Math.Log(1 - U(h2)) * 4));
        row.Degree = degree;
        row.Strength = degree * (1 + 8 * U(h3));
        bool isolated = degree == 0;
        row.Clustering = degree < 2 ? 0 : U(h4);
        row.Betweenness = degree < 2 ? 0 : U(Mix(h4)) * 1e-3;
        row.Constraint = isolated ? double.NaN : 1.0 / degree + 0.2 * U(Mix(h + 5));
        row.EffectiveSize = isolated ? double.NaN : degree * (0.5 + 0.5 * U(Mix(h + 6)));
        row.Efficiency = isolated ? double.NaN : row.EffectiveSize / degree;
        row.External = isolated ? double.NaN : ((h3 >> 3) % 4 == 0 ? 0 : U(Mix(h + 7)));
        row.Foreign = isolated ? double.NaN : ((h3 >> 5) % 8 != 0 ? 0 : U(Mix(h + 8)));
        bool customers = (h2 >> 7) % 5 < 3 && !isolated;
        row.TopCustomer = customers ? 0.2 + 0.8 * U(Mix(h + 9)) : double.NaN;
        row.Hhi = customers ? row.TopCustomer * row.TopCustomer + 0.1 * U(Mix(h + 10)) : double.NaN;
        ulong b = Mix(h + 11);
        row.Coordinator = degree < 2 ? 0 : (long)(b % 7);
        row.Itinerant = degree < 3 ? 0 : (long)((b >> 8) % 3);
        row.Representative = degree < 2 ? 0 : (long)((b >> 16) % 5);
        row.Gatekeeper = degree < 2 ? 0 : (long)((b >> 24) % 5);
        row.Liaison = degree < 4 ? 0 : (long)((b >> 32) % 2);
    }
}
