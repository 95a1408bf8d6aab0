using System.Text.Json;
using Pipeline.Grains.Runs;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.EndToEnd;

/// <summary>
/// The embedded engine on the committed fixture: every table is read back by DuckDB (an independent Parquet
/// reader) and compared value by value with what tests/fixtures/e2e/make_e2e_fixture.py computed with NetworkX
/// and the contract's formulas (relative tolerance 1e-9).
/// </summary>
public class FixtureRunTests(FixtureRun run) : IClassFixture<FixtureRun>
{
    /// <summary>The table as DuckDB reads it; a province-partitioned table is put back into its key order.</summary>
    private IReadOnlyList<JsonElement> Read(string table, string key) =>
        DuckDb.Query($"SELECT * FROM {TableParts.ReadParquet(run.RunFolder, table)}" + (table == "firm_metrics" ? $" ORDER BY {key}" : ""));

    private static List<JsonElement> Expected(string table)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureRun.ExpectedFolder, table + ".json")));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Theory]
    [InlineData("firm_metrics", "firm_id")]
    [InlineData("cluster_metrics", "cluster_id")]
    [InlineData("region_metrics", "region")]
    public void Tables_match_the_NetworkX_reference_row_by_row_in_key_order(string table, string key)
    {
        var expected = Expected(table);
        var actual = Read(table, key);
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var context = $"{table}[{key}={expected[i].GetProperty(key)}]";
            Compare.Rows(expected[i], actual[i], context);
        }
    }

    [Fact]
    public void Tables_have_exactly_the_contract_columns()
    {
        foreach (var (table, key) in new[] { ("firm_metrics", "firm_id"), ("cluster_metrics", "cluster_id"), ("region_metrics", "region") })
        {
            var expectedColumns = Expected(table)[0].EnumerateObject().Select(p => p.Name).ToHashSet();
            var actualColumns = Read(table, key)[0].EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.Equal(expectedColumns.OrderBy(c => c), actualColumns.OrderBy(c => c));
        }
    }

    [Fact]
    public void Keys_and_counts_are_required_and_ratios_optional_in_the_parquet_schema()
    {
        var schema = DuckDb.ParquetSchema(Path.Combine(run.RunFolder, "firm_metrics", TableParts.Of(run.RunFolder, "firm_metrics")[0]));
        Assert.Equal(("REQUIRED", "INT64"), schema["firm_id"]);
        Assert.Equal(("REQUIRED", "INT64"), schema["degree"]);
        Assert.Equal(("REQUIRED", "BYTE_ARRAY"), schema["cluster_id"]);
        Assert.Equal(("OPTIONAL", "DOUBLE"), schema["constraint"]);
        Assert.Equal(("REQUIRED", "INT64"), schema["brokerage_liaison"]);
        Assert.False(schema.ContainsKey("province")); // in the Hive folder name, as DuckDB's PARTITION_BY writes it
    }

    [Fact]
    public void Firm_metrics_are_split_into_one_hive_folder_per_province_in_firm_id_order()
    {
        var parts = TableParts.Of(run.RunFolder, "firm_metrics");
        Assert.All(parts, p => Assert.Matches(@"^province=[^/]+/part-\d{5}\.parquet$", p));
        var expected = Expected("firm_metrics");
        var provinces = expected.Select(r => r.GetProperty("province").GetString()).Distinct().Count();
        Assert.Equal(provinces, parts.Select(p => p.Split('/')[0]).Distinct().Count());
        foreach (var part in parts)
        {
            var file = DuckDb.Literal(Path.Combine(run.RunFolder, "firm_metrics", part));
            var ids = DuckDb.Query($"SELECT firm_id FROM read_parquet({file}, hive_partitioning = false)").Select(r => long.Parse(r.GetProperty("firm_id").GetString()!)).ToList();
            Assert.Equal(ids.Order(), ids);
        }
    }

    [Fact]
    public void Manifest_counts_rows_and_files_and_latest_points_at_the_run()
    {
        var m = run.Result.Manifest;
        Assert.Equal("fixture-1", File.ReadAllText(Path.Combine(run.Output.Path, "latest")).Trim());
        var manifest = RunJson.Deserialize<RunManifest>(File.ReadAllBytes(Path.Combine(run.RunFolder, "_manifest.json")))!;
        Assert.Equal(m.Tables["firm_metrics"].Rows, manifest.Tables["firm_metrics"].Rows);
        Assert.Equal(Expected("firm_metrics").Count, manifest.Tables["firm_metrics"].Rows);
        Assert.Equal(7, manifest.Tables["cluster_metrics"].Rows);
        Assert.Equal(0, manifest.Tables["quarantine"].Rows);
        Assert.Equal(File.ReadLines(Path.Combine(FixtureRun.InputFolder, "links.csv")).Count() - 1, manifest.RowsRead["links"]);
        Assert.Equal(0, manifest.Quarantined["firms"]);
        foreach (var (table, t) in manifest.Tables)
            foreach (var f in t.Files)
                Assert.Equal(new FileInfo(Path.Combine(run.RunFolder, f.Name)).Length, f.Bytes);
        Assert.Equal(4, manifest.Input.Files.Count);
        Assert.Equal(64, manifest.Input.Fingerprint.Length);
        Assert.Empty(manifest.PendingColumns);
        var status = RunJson.Deserialize<RunStatus>(File.ReadAllBytes(Path.Combine(run.RunFolder, "_status.json")))!;
        Assert.Equal(RunState.Finished, status.State);
    }
}
