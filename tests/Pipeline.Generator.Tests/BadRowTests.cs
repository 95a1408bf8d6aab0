using Pipeline.Grains.Input;
using Pipeline.Storage;
using Xunit;

namespace Pipeline.Generator.Tests;

/// <summary>Bad rows: the report's counts per table and reason equal what the pipeline's validator quarantines, and
/// every valid row is still kept.</summary>
public class BadRowTests
{
    [Theory]
    [InlineData(75UL, 75)]
    [InlineData(3UL, 31)]
    public async Task Reported_bad_rows_are_exactly_the_quarantined_rows(ulong seed, int badRows)
    {
        using TempDir dir = new(), clean = new();
        var report = DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, seed) { BadRows = badRows }, dir.Path);
        var valid = DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, seed), clean.Path);
        Assert.Equal(badRows, report.BadRowsWritten.Values.Sum(r => r.Values.Sum()));
        long extra = report.Clusters + report.Firms + report.Links + report.FirmYears - (valid.Clusters + valid.Firms + valid.Links + valid.FirmYears);
        Assert.Equal(badRows, extra);

        var read = await DatasetReader.ReadAsync(new LocalFolderStore(dir.Path));
        var actual = read.Quarantine.Tables.Where(t => t.Quarantined > 0)
            .ToDictionary(t => t.Table, t => t.ByReason.Where(r => r.Value > 0).ToDictionary(r => r.Key, r => r.Value));
        Assert.Equal(report.BadRowsWritten.Keys.Order(), actual.Keys.Order());
        foreach (var (table, reasons) in report.BadRowsWritten)
            Assert.Equal(reasons.OrderBy(r => r.Key), actual[table].OrderBy(r => r.Key));
        Assert.Equal(valid.Firms, read.Dataset.FirmCount);
        Assert.Equal(valid.Links, read.Dataset.Links.Length);
        if (badRows >= 75)
        {
            var reasons = report.BadRowsWritten.Values.SelectMany(r => r.Keys).ToHashSet();
            foreach (var code in new[] { "duplicate_id", "missing_field", "malformed_field", "unknown_enum", "unknown_firm", "unknown_cluster", "self_link", "non_positive_weight", "negative_value" })
                Assert.Contains(code, reasons);
        }
    }
}
