using System.Security.Cryptography;
using Xunit;

namespace Pipeline.Generator.Tests;

/// <summary>A seed always writes the same bytes, whatever the parallelism; another seed writes other bytes.</summary>
public class DeterminismTests
{
    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void Same_seed_writes_identical_files_and_another_seed_differs()
    {
        using TempDir a = new(), b = new(), c = new();
        DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 7) { MaxDegreeOfParallelism = 1 }, a.Path);
        DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 7) { MaxDegreeOfParallelism = 4 }, b.Path);
        DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 8), c.Path);
        var ha = Hashes(a.Path);
        Assert.Equal(["clusters.csv", "firm_years.csv", "firms.csv", "links.csv"], ha.Keys.Order().ToArray());
        Assert.Equal(ha, Hashes(b.Path));
        var hc = Hashes(c.Path);
        foreach (var table in new[] { "firms.csv", "links.csv", "firm_years.csv" }) Assert.NotEqual(ha[table], hc[table]);
    }

    [Fact]
    public void Bad_rows_are_deterministic_too()
    {
        using TempDir a = new(), b = new();
        var ra = DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 5) { BadRows = 60 }, a.Path);
        var rb = DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 5) { BadRows = 60, MaxDegreeOfParallelism = 3 }, b.Path);
        Assert.Equal(Hashes(a.Path), Hashes(b.Path));
        Assert.Equal(ra.Links, rb.Links);
    }
}
