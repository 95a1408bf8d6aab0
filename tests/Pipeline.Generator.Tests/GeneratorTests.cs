using System.Security.Cryptography;
using Pipeline.Grains.Input;
using Pipeline.Storage;
using Xunit;

namespace Pipeline.Generator.Tests;

/// <summary>The generator is deterministic, writes contract-valid rows (checked by the pipeline's own validator) and the shapes of domain.md.</summary>
public class GeneratorTests
{
    private static string Temp() => Path.Combine(Path.GetTempPath(), "gen-" + Guid.NewGuid().ToString("N"));

    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.GetFiles(dir).ToDictionary(Path.GetFileName, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))!;

    [Fact]
    public void Same_seed_writes_the_same_bytes_and_another_seed_differs()
    {
        string a = Temp(), b = Temp(), c = Temp();
        try
        {
            DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 7), a);
            DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 7), b);
            DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 8), c);
            Assert.Equal(Hashes(a), Hashes(b));
            Assert.NotEqual(Hashes(a)["links.csv"], Hashes(c)["links.csv"]);
        }
        finally { foreach (var d in new[] { a, b, c }) Directory.Delete(d, true); }
    }

    [Fact]
    public async Task Sample_is_valid_against_the_contract_and_has_the_domains_shapes()
    {
        var dir = Temp();
        try
        {
            var report = DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 42), dir);
            Assert.InRange(report.Firms, 2_000, 8_000);
            var read = await DatasetReader.ReadAsync(new LocalFolderStore(dir));
            Assert.All(read.Quarantine.Tables, t => Assert.Equal(0, t.Quarantined));
            Assert.Equal(report.Firms, read.Dataset.FirmCount);
            Assert.Equal(report.Links, read.Dataset.Links.Length);
            var d = read.Dataset;
            Assert.Contains(d.Firms, f => f.Foreign);
            Assert.Contains(d.Firms, f => f.Cluster < 0 && f.InSpecializedMarket);
            Assert.Contains(d.Links, l => l.Kind == Pipeline.Grains.Model.LinkKind.Kinship);
            Assert.Contains(d.Links, l => d.Firms[l.Source].Cluster >= 0 && d.Firms[l.Target].Cluster >= 0 && d.Firms[l.Source].Cluster != d.Firms[l.Target].Cluster);
            // The 2008–2009 shock: national panel employment falls.
            var byYear = d.FirmYears!.Where(r => r.Employees >= 0).GroupBy(r => r.Year).ToDictionary(g => g.Key, g => g.Sum(r => (double)r.Employees));
            Assert.True(byYear[2009] < byYear[2008]);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Region_preset_has_a_heavy_tail_of_cluster_sizes()
    {
        var dir = Temp();
        try
        {
            var report = DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Region, 42), dir);
            Assert.InRange(report.Firms, 150_000, 300_000);
            var sizes = File.ReadLines(Path.Combine(dir, "firms.csv")).Skip(1).Select(l => l.Split(',')[1]).Where(c => c.Length > 0)
                .GroupBy(c => c).Select(g => g.Count()).OrderBy(n => n).ToArray();
            Assert.True(sizes[^1] >= 10 * sizes[sizes.Length / 2], $"largest {sizes[^1]} vs median {sizes[sizes.Length / 2]}");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Bad_rows_are_quarantined_exactly_as_reported()
    {
        var dir = Temp();
        try
        {
            var report = DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 3) { BadRows = 48 }, dir);
            var read = await DatasetReader.ReadAsync(new LocalFolderStore(dir));
            var actual = read.Quarantine.Tables.Where(t => t.Quarantined > 0)
                .ToDictionary(t => t.Table, t => t.ByReason.ToDictionary(r => r.Key, r => r.Value));
            Assert.Equal(report.BadRowsWritten.Keys.OrderBy(k => k), actual.Keys.OrderBy(k => k));
            foreach (var (table, reasons) in report.BadRowsWritten)
                Assert.Equal(reasons.OrderBy(r => r.Key), actual[table].OrderBy(r => r.Key));
            Assert.Equal(48, read.Quarantine.Rows.Count);
        }
        finally { Directory.Delete(dir, true); }
    }
}
