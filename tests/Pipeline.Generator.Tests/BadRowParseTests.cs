using System.Globalization;
using Xunit;

namespace Pipeline.Generator.Tests;

/// <summary>Bad rows, checked without the pipeline: an independent reading of the written files that classifies every
/// row by the contract's rules finds exactly the report's counts per table and reason code, with every case of the
/// brief present (duplicate firm_id, missing field, malformed int, unknown enum, unknown firm, self-link, non-positive
/// weight, unknown cluster, 3-character industry_code, negative employees, empty kind, panel row of an unknown firm).</summary>
public class BadRowParseTests
{
    private static readonly HashSet<string> Stages = ["materials", "components", "processing", "assembly", "branding", "design_rnd", "distribution"];
    private static readonly HashSet<string> Ownerships = ["private", "collective", "state", "foreign", "hmt"];
    private static readonly HashSet<string> Kinds = ["supply", "subcontract", "production_sharing", "joint_venture", "licensing", "rnd", "kinship", "trade_channel"];
    private static readonly HashSet<string> ClusterTypes = ["traditional_sme", "high_tech", "fdi", "lead_firm_centred"];

    private static bool IsLong(string s) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    private static bool IsNumber(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    [Fact]
    public void Files_hold_exactly_the_reported_bad_rows()
    {
        using var dir = new TempDir();
        var report = DatasetGenerator.Generate(new GeneratorOptions(GeneratorPreset.Sample, 21) { BadRows = 50 }, dir.Path);
        var found = new Dictionary<string, Dictionary<string, long>>();
        void Count(string table, string? reason)
        {
            if (reason is null) return;
            if (!found.TryGetValue(table, out var r)) found[table] = r = [];
            r[reason] = r.GetValueOrDefault(reason) + 1;
        }
        var special = new Dictionary<string, int>();
        void Note(string what) => special[what] = special.GetValueOrDefault(what) + 1;

        var clusterIds = new HashSet<string>();
        foreach (var c in CsvTable.Read(Path.Combine(dir.Path, "clusters.csv")).Rows)
            Count("clusters", c[0] == "" ? "missing_field" : !ClusterTypes.Contains(c[6]) ? "unknown_enum" : !clusterIds.Add(c[0]) ? "duplicate_id" : null);

        var firmIds = new HashSet<long>();
        foreach (var f in CsvTable.Read(Path.Combine(dir.Path, "firms.csv")).Rows)
        {
            string? reason =
                f[0] == "" ? "missing_field"
                : !IsLong(f[0]) ? "malformed_field"
                : f[7] != "" && f[7].Length != 4 ? "malformed_field"
                : f[11] != "" && !IsLong(f[11]) ? "malformed_field"
                : f[1] != "" && !clusterIds.Contains(f[1]) ? "unknown_cluster"
                : f[8] != "" && !Stages.Contains(f[8]) || f[9] != "" && !Ownerships.Contains(f[9]) ? "unknown_enum"
                : f[11] != "" && long.Parse(f[11], CultureInfo.InvariantCulture) < 0 || f[12] != "" && double.Parse(f[12], CultureInfo.InvariantCulture) < 0 ? "negative_value"
                : !firmIds.Add(long.Parse(f[0], CultureInfo.InvariantCulture)) ? "duplicate_id"
                : null;
            if (f[7] != "" && f[7].Length != 4) Note("industry_code_length");
            if (f[11].StartsWith('-')) Note("negative_employees");
            if (f[0] != "" && IsLong(f[0]) && reason == "duplicate_id") Note("duplicate_firm_id");
            Count("firms", reason);
        }

        foreach (var l in CsvTable.Read(Path.Combine(dir.Path, "links.csv")).Rows)
        {
            string? reason =
                l[0] == "" || l[1] == "" || l[2] == "" ? "missing_field"
                : !IsLong(l[0]) || !IsLong(l[1]) || l[3] != "" && !IsNumber(l[3]) || l[4] != "" && !IsLong(l[4]) ? "malformed_field"
                : !Kinds.Contains(l[2]) ? "unknown_enum"
                : l[0] == l[1] ? "self_link"
                : !firmIds.Contains(long.Parse(l[0], CultureInfo.InvariantCulture)) || !firmIds.Contains(long.Parse(l[1], CultureInfo.InvariantCulture)) ? "unknown_firm"
                : l[3] != "" && double.Parse(l[3], CultureInfo.InvariantCulture) <= 0 ? "non_positive_weight"
                : null;
            if (l[2] == "") Note("empty_kind");
            Count("links", reason);
        }

        foreach (var y in CsvTable.Read(Path.Combine(dir.Path, "firm_years.csv")).Rows)
        {
            string? reason =
                y[0] == "" || y[1] == "" ? "missing_field"
                : !IsLong(y[0]) || !IsLong(y[1]) || y[2] != "" && !IsLong(y[2]) || y[3] != "" && !IsNumber(y[3]) ? "malformed_field"
                : !firmIds.Contains(long.Parse(y[0], CultureInfo.InvariantCulture)) ? "unknown_firm"
                : y[2].StartsWith('-') || y[3].StartsWith('-') ? "negative_value"
                : null;
            Count("firm_years", reason);
        }

        Assert.Equal(50, report.BadRowsWritten.Values.Sum(r => r.Values.Sum()));
        Assert.Equal(report.BadRowsWritten.Keys.Order(), found.Keys.Order());
        foreach (var (table, reasons) in report.BadRowsWritten)
            Assert.Equal(reasons.OrderBy(r => r.Key), found[table].OrderBy(r => r.Key));

        Assert.True(found["links"]["self_link"] >= 2);
        Assert.True(found["links"]["non_positive_weight"] >= 2);
        Assert.True(found["links"]["unknown_firm"] >= 2);
        Assert.True(found["firms"]["unknown_cluster"] >= 2);
        Assert.True(found["firm_years"]["unknown_firm"] >= 2);
        foreach (var what in new[] { "industry_code_length", "negative_employees", "duplicate_firm_id", "empty_kind" })
            Assert.True(special.GetValueOrDefault(what) >= 2, what);
    }
}
