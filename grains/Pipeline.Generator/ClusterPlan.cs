using Pipeline.Generator.Calibration;

namespace Pipeline.Generator;

/// <summary>One cluster to generate: its row in clusters.csv, its size, its product and the first of its contiguous firm ids.</summary>
internal sealed record ClusterPlan(string Id, string Name, string Province, string Prefecture, string County, string Product,
    string Type, string[] Codes, double ExportShare, int Firms, long FirstFirmId)
{
    public const long FirstId = 100_000;

    /// <summary>Named clusters of the studies (scaled by the preset) and log-normal synthetic ones, placed by province weights.</summary>
    public static List<ClusterPlan> Plan(PresetShape shape, SeededRandom rng)
    {
        var plans = new List<ClusterPlan>();
        long next = FirstId;
        foreach (var n in Places.Named)
        {
            var product = Places.Products.First(p => p.Product == n.Product);
            int size = Math.Max(20, (int)Math.Round(n.Firms * shape.NamedScale));
            plans.Add(new ClusterPlan(n.Id, n.Name, n.Province, n.Prefecture, n.County, n.Product, product.Type, product.Codes, product.ExportShare, size, next));
            next += size;
        }
        double totalWeight = Places.Provinces.Sum(p => p.Weight);
        for (int k = 0; k < shape.SyntheticClusters; k++)
        {
            int size = k == 0 ? shape.MaxClusterSize : (int)Math.Clamp(rng.LogNormal(shape.MedianClusterSize, shape.SizeSigma), 15, shape.MaxClusterSize);
            double r = rng.NextDouble() * totalWeight;
            var province = Places.Provinces[^1];
            foreach (var p in Places.Provinces) { if (r < p.Weight) { province = p; break; } r -= p.Weight; }
            var (prefecture, counties) = rng.Pick(province.Prefectures);
            var county = rng.Pick(counties);
            var product = rng.Pick(Places.Products);
            string id = $"{province.Province[..2].ToUpperInvariant()}-{prefecture[..3].ToUpperInvariant()}-{k:D5}";
            plans.Add(new ClusterPlan(id, $"{county} {product.Product}", province.Province, prefecture, county, product.Product,
                product.Type, product.Codes, Math.Clamp(product.ExportShare + 0.15 * rng.Normal(), 0.02, 0.95), size, next));
            next += size;
        }
        return plans;
    }
}
