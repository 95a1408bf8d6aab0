namespace Pipeline.Generator.Calibration;

/// <summary>A real cluster of the studies (domain.md) with its published firm count.</summary>
internal sealed record NamedCluster(string Id, string Name, string Province, string Prefecture, string County, string Product, int Firms, double ExportShare);

/// <summary>The named real clusters every preset contains (scaled down in the sample).</summary>
internal static class NamedClusters
{
    /// <summary>Wenzhou shoes (~5,000 firms), lighters (~260), eyeglasses (~500), Qiaotou buttons (~750), Shengzhou neckties
    /// (~1,000), Zhuji socks, Yiwu small commodities.</summary>
    public static readonly NamedCluster[] All =
    [
        new("ZJ-WZ-SHOES", "Wenzhou shoes", "Zhejiang", "Wenzhou", "Lucheng", "shoes", 5000, 0.35),
        new("ZJ-WZ-LIGHTERS", "Wenzhou lighters", "Zhejiang", "Wenzhou", "Ouhai", "lighters", 260, 0.80),
        new("ZJ-WZ-EYEGLASSES", "Wenzhou eyeglasses", "Zhejiang", "Wenzhou", "Longwan", "eyeglasses", 500, 0.60),
        new("ZJ-WZ-BUTTONS", "Qiaotou buttons", "Zhejiang", "Wenzhou", "Yongjia", "buttons", 750, 0.40),
        new("ZJ-SX-NECKTIES", "Shengzhou neckties", "Zhejiang", "Shaoxing", "Shengzhou", "neckties", 1000, 0.55),
        new("ZJ-SX-SOCKS", "Zhuji (Datang) socks", "Zhejiang", "Shaoxing", "Zhuji", "socks", 1500, 0.45),
        new("ZJ-JH-YIWU", "Yiwu small commodities, \"China Commodity City\"", "Zhejiang", "Jinhua", "Yiwu", "small commodities", 2000, 0.60),
    ];
}
