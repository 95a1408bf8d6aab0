using System.Globalization;
using Pipeline.Grains.Input;
using Pipeline.Storage;
using Xunit;

namespace Pipeline.Generator.Tests;

/// <summary>With no bad rows, every row of the sample is valid per the contract, checked twice: by an independent
/// reading in this test and by the pipeline's own validator.</summary>
public class ContractValidityTests
{
    private static readonly HashSet<string> Stages = ["materials", "components", "processing", "assembly", "branding", "design_rnd", "distribution"];
    private static readonly HashSet<string> Ownerships = ["private", "collective", "state", "foreign", "hmt"];
    private static readonly HashSet<string> Kinds = ["supply", "subcontract", "production_sharing", "joint_venture", "licensing", "rnd", "kinship", "trade_channel"];
    private static readonly HashSet<string> ClusterTypes = ["traditional_sme", "high_tech", "fdi", "lead_firm_centred"];

    [Fact]
    public void Sample_rows_are_all_valid_and_match_the_report()
    {
        using var dir = new TempDir();
        var report = DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample), dir.Path);
        var clusters = CsvTable.Read(Path.Combine(dir.Path, "clusters.csv"));
        var firms = CsvTable.Read(Path.Combine(dir.Path, "firms.csv"));
        var links = CsvTable.Read(Path.Combine(dir.Path, "links.csv"));
        var panel = CsvTable.Read(Path.Combine(dir.Path, "firm_years.csv"));

        Assert.Equal(["cluster_id", "name", "province", "prefecture", "county", "main_product", "cluster_type"], clusters.Header);
        Assert.Equal(["firm_id", "cluster_id", "name", "province", "prefecture", "county", "country", "industry_code", "value_chain_stage",
            "ownership", "founded_year", "employees", "revenue", "export_revenue", "in_specialized_market"], firms.Header);
        Assert.Equal(["src_firm_id", "dst_firm_id", "kind", "weight", "year"], links.Header);
        Assert.Equal(["firm_id", "year", "employees", "revenue"], panel.Header);
        Assert.Equal((report.Clusters, report.Firms, report.Links, report.FirmYears), ((long)clusters.Rows.Count, (long)firms.Rows.Count, (long)links.Rows.Count, (long)panel.Rows.Count));
        Assert.InRange(report.Firms, 2_000, 5_000);
        Assert.InRange(report.Clusters, 15, 30);
        Assert.Empty(report.BadRowsWritten);

        var clusterIds = new HashSet<string>();
        foreach (var c in clusters.Rows)
        {
            Assert.Equal(7, c.Length);
            Assert.True(clusterIds.Add(c[0]), c[0]);
            Assert.Contains(c[6], ClusterTypes);
        }
        var ids = new HashSet<long>();
        foreach (var f in firms.Rows)
        {
            Assert.Equal(15, f.Length);
            Assert.True(ids.Add(long.Parse(f[0], CultureInfo.InvariantCulture)), f[0]);
            Assert.True(f[1] == "" || clusterIds.Contains(f[1]), f[1]);
            Assert.True(f[6] == "" || (f[6].Length == 2 && f[6].All(char.IsAsciiLetterUpper)), f[6]);
            Assert.True(f[7] == "" || (f[7].Length == 4 && f[7].All(char.IsAsciiDigit)), f[7]);
            Assert.True(f[8] == "" || Stages.Contains(f[8]), f[8]);
            Assert.True(f[9] == "" || Ownerships.Contains(f[9]), f[9]);
            if (f[10] != "") Assert.InRange(int.Parse(f[10], CultureInfo.InvariantCulture), 1978, 2012);
            if (f[11] != "") Assert.True(long.Parse(f[11], CultureInfo.InvariantCulture) >= 0);
            foreach (var k in new[] { 12, 13 }) if (f[k] != "") Assert.True(double.Parse(f[k], CultureInfo.InvariantCulture) >= 0);
            Assert.Contains(f[14], new[] { "true", "false" });
        }
        foreach (var l in links.Rows)
        {
            long s = long.Parse(l[0], CultureInfo.InvariantCulture), d = long.Parse(l[1], CultureInfo.InvariantCulture);
            Assert.Contains(s, ids);
            Assert.Contains(d, ids);
            Assert.NotEqual(s, d);
            Assert.Contains(l[2], Kinds);
            Assert.True(l[3] == "" || double.Parse(l[3], CultureInfo.InvariantCulture) > 0, l[3]);
            Assert.InRange(int.Parse(l[4], CultureInfo.InvariantCulture), 2005, 2012);
        }
        foreach (var y in panel.Rows)
        {
            Assert.Contains(long.Parse(y[0], CultureInfo.InvariantCulture), ids);
            Assert.InRange(int.Parse(y[1], CultureInfo.InvariantCulture), 2005, 2012);
            Assert.True(long.Parse(y[2], CultureInfo.InvariantCulture) > 0);
        }
    }

    [Fact]
    public async Task The_pipelines_validator_keeps_every_sample_row()
    {
        using var dir = new TempDir();
        var report = DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 11), dir.Path);
        var read = await DatasetReader.ReadAsync(new LocalFolderStore(dir.Path));
        Assert.All(read.Quarantine.Tables, t => Assert.Equal(0, t.Quarantined));
        Assert.Equal(report.Firms, read.Dataset.FirmCount);
        Assert.Equal(report.Links, read.Dataset.Links.Length);
        Assert.Equal(report.FirmYears, read.Dataset.FirmYears!.Length);
    }
}
