using System.Globalization;
using Xunit;

namespace Pipeline.Generator.Tests;

/// <summary>The firm-year panel: unbalanced, 2005–2012, national employment falls 2008→2009, export-heavy clusters fall more.</summary>
public class PanelTests
{
    [Theory]
    [InlineData(GeneratorPreset.Sample, 42UL)]
    [InlineData(GeneratorPreset.Sample, 9UL)]
    public void The_2009_shock_hits_export_heavy_clusters_harder(GeneratorPreset preset, ulong seed)
    {
        using var dir = new TempDir();
        DatasetGenerator.Generate(new GeneratorOptions(preset, seed), dir.Path);
        var firms = CsvTable.Read(Path.Combine(dir.Path, "firms.csv"));
        var panel = CsvTable.Read(Path.Combine(dir.Path, "firm_years.csv"));
        var clusterOf = firms.Rows.ToDictionary(f => long.Parse(f[0], CultureInfo.InvariantCulture), f => f[1]);
        var revenue = new Dictionary<string, (double Revenue, double Export)>();
        foreach (var f in firms.Rows.Where(f => f[1] != "" && f[12] != "" && f[13] != ""))
        {
            var (r, e) = revenue.GetValueOrDefault(f[1]);
            revenue[f[1]] = (r + double.Parse(f[12], CultureInfo.InvariantCulture), e + double.Parse(f[13], CultureInfo.InvariantCulture));
        }
        var employment = new Dictionary<(string Cluster, int Year), double>();
        var perFirm = new Dictionary<long, int>();
        foreach (var y in panel.Rows)
        {
            long id = long.Parse(y[0], CultureInfo.InvariantCulture);
            int year = int.Parse(y[1], CultureInfo.InvariantCulture);
            Assert.InRange(year, 2005, 2012);
            perFirm[id] = perFirm.GetValueOrDefault(id) + 1;
            foreach (var key in new[] { (clusterOf[id], year), ("", year) })
                employment[key] = employment.GetValueOrDefault(key) + double.Parse(y[2], CultureInfo.InvariantCulture);
        }
        Assert.True(employment[("", 2009)] < employment[("", 2008)], "national employment falls 2008→2009");
        Assert.True(employment[("", 2012)] > employment[("", 2009)], "and recovers");
        Assert.Contains(perFirm.Values, v => v < 8);
        Assert.Contains(perFirm.Values, v => v == 8);

        var growth = revenue.Keys.Where(c => employment.ContainsKey((c, 2008)) && employment.ContainsKey((c, 2009)))
            .Select(c => (Export: revenue[c].Export / revenue[c].Revenue, G: employment[(c, 2009)] / employment[(c, 2008)] - 1))
            .OrderBy(x => x.Export).ToArray();
        var low = growth.Take(growth.Length / 2).Average(x => x.G);
        var high = growth.Skip(growth.Length - growth.Length / 2).Average(x => x.G);
        Assert.True(high < low - 0.03, $"export-heavy clusters {high:P1} vs export-light {low:P1}");
    }
}
