using System.Globalization;
using Xunit;

namespace Pipeline.Generator.Tests;

/// <summary>The shapes of domain.md: heavy-tailed cluster sizes, the coastal belt, foreign buyers, hubs, kin ties,
/// supply flowing up the value chain, parallel links across years, links across clusters, private Zhejiang.</summary>
public class ShapeTests
{
    private static readonly Dictionary<string, int> Tier = new()
    {
        ["materials"] = 0, ["components"] = 1, ["processing"] = 2, ["assembly"] = 2, ["branding"] = 3, ["design_rnd"] = 3, ["distribution"] = 4,
    };

    [Fact]
    public void Sample_has_foreign_buyers_hubs_kin_traders_and_supply_up_the_chain()
    {
        using var dir = new TempDir();
        DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 42), dir.Path);
        var firms = CsvTable.Read(Path.Combine(dir.Path, "firms.csv"));
        var links = CsvTable.Read(Path.Combine(dir.Path, "links.csv"));
        var byId = firms.Rows.ToDictionary(f => long.Parse(f[0], CultureInfo.InvariantCulture));
        bool Foreign(string[] f) => f[6] != "" && f[6] != "CN";

        var foreign = firms.Rows.Where(Foreign).ToList();
        Assert.NotEmpty(foreign);
        Assert.All(foreign, f => Assert.Equal("", f[1]));
        Assert.Contains(firms.Rows, f => f[1] != "" && f[14] == "true" && f[8] == "distribution");
        Assert.Contains(firms.Rows, f => f[1] == "" && f[14] == "true");
        Assert.Contains(firms.Rows, f => f[1] == "" && !Foreign(f) && f[14] == "false");

        int foreignLinks = 0, across = 0, kin = 0, up = 0, down = 0, tradersAcross = 0;
        var degree = new Dictionary<long, HashSet<long>>();
        var years = new Dictionary<(long, long, string), int>();
        foreach (var l in links.Rows)
        {
            long s = long.Parse(l[0], CultureInfo.InvariantCulture), d = long.Parse(l[1], CultureInfo.InvariantCulture);
            var (fs, fd) = (byId[s], byId[d]);
            if (Foreign(fs) || Foreign(fd)) { foreignLinks++; Assert.Equal("supply", l[2]); Assert.True(Foreign(fd)); }
            if (fs[1] != "" && fd[1] != "" && fs[1] != fd[1])
            {
                across++;
                if (l[2] == "trade_channel" && fd[14] == "true") tradersAcross++;
            }
            if (l[2] == "kinship") kin++;
            if (fs[1] != "" && fs[1] == fd[1])
            {
                (degree.TryGetValue(s, out var ns) ? ns : degree[s] = []).Add(d);
                (degree.TryGetValue(d, out var nd) ? nd : degree[d] = []).Add(s);
                if (l[2] is "supply" or "subcontract" && fs[8] != "" && fd[8] != "")
                {
                    if (Tier[fs[8]] < Tier[fd[8]]) up++;
                    else if (Tier[fs[8]] > Tier[fd[8]]) down++;
                }
            }
            years[(s, d, l[2])] = years.GetValueOrDefault((s, d, l[2])) + 1;
        }
        double n = links.Rows.Count;
        Assert.InRange(foreignLinks / n, 0.015, 0.06);
        Assert.InRange(across / n, 0.05, 0.15);
        Assert.InRange(kin / n, 0.01, 0.2);
        Assert.True(tradersAcross > 0, "cluster traders broker between clusters");
        Assert.True(up > 20 * Math.Max(1, down), $"supply up the chain {up}, down {down}");
        Assert.True(years.Values.Count(v => v > 1) > years.Count / 5, "parallel links across years");
        double meanDegree = degree.Values.Average(s => s.Count);
        int maxDegree = degree.Values.Max(s => s.Count);
        Assert.InRange(meanDegree, 4, 9);
        Assert.True(maxDegree > 15 * meanDegree, $"hub degree {maxDegree} vs mean {meanDegree}");
    }

    [Fact]
    public void Region_has_heavy_tailed_clusters_on_the_coast_and_codes_keep_leading_zeros()
    {
        using var dir = new TempDir();
        var report = DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Region, 42), dir.Path);
        Assert.InRange(report.Firms, 150_000, 260_000);
        Assert.InRange(report.Links, 900_000, 1_600_000);
        var clusters = CsvTable.Read(Path.Combine(dir.Path, "clusters.csv"));
        var firms = CsvTable.Read(Path.Combine(dir.Path, "firms.csv"));
        var sizes = firms.Rows.Where(f => f[1] != "").GroupBy(f => f[1]).ToDictionary(g => g.Key, g => g.Count());
        var sorted = sizes.Values.Order().ToArray();
        Assert.True(sorted[^1] >= 10 * sorted[sorted.Length / 2], $"largest {sorted[^1]} vs median {sorted[sorted.Length / 2]}");
        Assert.Equal(5_000, sizes["ZJ-WZ-SHOES"]);
        Assert.Equal(260, sizes["ZJ-WZ-LIGHTERS"]);
        string[] coast = ["Zhejiang", "Jiangsu", "Shanghai", "Guangdong", "Beijing", "Tianjin", "Hebei", "Shandong", "Liaoning"];
        double onCoast = clusters.Rows.Count(c => coast.Contains(c[2])) / (double)clusters.Rows.Count;
        Assert.InRange(onCoast, 0.8, 0.97);
        Assert.Contains(firms.Rows, f => f[7].Length == 4 && f[7][0] == '0');
        var zhejiang = firms.Rows.Where(f => f[1] != "" && f[3] == "Zhejiang").ToList();
        Assert.InRange(zhejiang.Count(f => f[9] == "private") / (double)zhejiang.Count, 0.87, 0.95);
        Assert.True(report.SumNTimesM > 1e9, $"Σ n·m = {report.SumNTimesM}");
    }
}
