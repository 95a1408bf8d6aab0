using Pipeline.Generator.Calibration;

namespace Pipeline.Generator.Clusters;

/// <summary>Draws the clusters of a preset: the named real clusters, then log-normal synthetic ones placed by province weight.</summary>
internal static class ClusterPlanner
{
    private static readonly string[] Types = ["traditional_sme", "high_tech", "fdi", "lead_firm_centred"];

    /// <summary>The clusters in output order with contiguous firm id ranges starting at <see cref="ClusterPlan.FirstId"/>.</summary>
    public static List<ClusterPlan> Plan(PresetShape shape, SeededRandom rng)
    {
        var plans = new List<ClusterPlan>(NamedClusters.All.Length + shape.SyntheticClusters);
        long next = ClusterPlan.FirstId;
        foreach (var n in NamedClusters.All)
        {
            var product = Products.Named(n.Product);
            int size = Math.Max(25, (int)Math.Round(n.Firms * shape.NamedScale));
            plans.Add(new ClusterPlan(plans.Count, n.Id, n.Name, n.Province, n.Prefecture, n.County, product, product.Type, n.ExportShare, size, next));
            next += size;
        }
        int largest = 1 + rng.NextInt(shape.SyntheticClusters);
        for (int k = 1; k <= shape.SyntheticClusters; k++)
        {
            int size = k == largest ? shape.MaxClusterSize
                : (int)Math.Clamp(Math.Round(rng.LogNormal(shape.MedianClusterSize, shape.SizeSigma)), 12, shape.MaxClusterSize);
            var province = Places.Provinces[rng.PickWeighted(Places.ProvinceWeights)];
            var (prefecture, counties) = rng.Pick(province.Prefectures);
            var county = rng.Pick(counties);
            var product = rng.Pick(Products.All);
            string type = rng.Chance(0.8) ? product.Type : rng.Pick(Types);
            double export = Math.Clamp(product.ExportShare + 0.15 * rng.Normal(), 0.02, 0.95);
            string id = $"{province.Name[..2].ToUpperInvariant()}-{prefecture[..3].ToUpperInvariant()}-{k:D5}";
            plans.Add(new ClusterPlan(plans.Count, id, $"{county} {product.Name}", province.Name, prefecture, county, product, type, export, size, next));
            next += size;
        }
        return plans;
    }
}
