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
    private IReadOnlyList<JsonElement> Read(string table) =>
        DuckDb.Query($"SELECT * FROM read_parquet({DuckDb.Literal(Path.Combine(run.RunFolder, table, "*.parquet"))})");

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
        var actual = Read(table);
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
        foreach (var table in new[] { "firm_metrics", "cluster_metrics", "region_metrics" })
        {
            var expectedColumns = Expected(table)[0].EnumerateObject().Select(p => p.Name).ToHashSet();
            var actualColumns = Read(table)[0].EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.Equal(expectedColumns.OrderBy(c => c), actualColumns.OrderBy(c => c));
        }
    }

    [Fact]
    public void Keys_and_counts_are_required_and_ratios_optional_in_the_parquet_schema()
    {
        var schema = DuckDb.Query($"SELECT name, repetition_type, type FROM parquet_schema({DuckDb.Literal(Path.Combine(run.RunFolder, "firm_metrics", "part-00000.parquet"))})")
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => (Rep: r.GetProperty("repetition_type").ToString(), Type: r.GetProperty("type").ToString()));
        Assert.Equal(("REQUIRED", "INT64"), schema["firm_id"]);
        Assert.Equal(("REQUIRED", "INT64"), schema["degree"]);
        Assert.Equal(("REQUIRED", "BYTE_ARRAY"), schema["cluster_id"]);
        Assert.Equal(("OPTIONAL", "DOUBLE"), schema["constraint"]);
        Assert.Equal(("REQUIRED", "INT64"), schema["brokerage_liaison"]);
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
