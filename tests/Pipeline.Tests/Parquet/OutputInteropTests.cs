using System.Globalization;
using System.Text.Json;
using Parquet;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Parquet;

/// <summary>
/// Our output files, as Parquet.Net writes them, read by three independent readers — DuckDB, hyparquet and
/// parquet-wasm (arrow-rs) — with identical values for every codec, many row groups, 1 and 0 rows; and DuckDB's view of
/// the footer: dictionary-encoded strings, min/max/null-count statistics, the run's key-value metadata.
/// </summary>
public class OutputInteropTests
{
    [Theory]
    [InlineData(CompressionMethod.Snappy, 1200, 1_000_000)]
    [InlineData(CompressionMethod.Gzip, 1200, 1_000_000)]
    [InlineData(CompressionMethod.Zstd, 1200, 1_000_000)]
    [InlineData(CompressionMethod.None, 1200, 1_000_000)]
    [InlineData(CompressionMethod.Snappy, 5000, 700)]
    [InlineData(CompressionMethod.Zstd, 1, 1_000_000)]
    [InlineData(CompressionMethod.Snappy, 0, 1_000_000)]
    public void DuckDB_hyparquet_and_parquet_wasm_read_our_files_with_identical_values(CompressionMethod codec, int n, int rowGroupRows)
    {
        using var folder = new TempFolder();
        var rows = InteropTable.Rows(n, 31 + n);
        var path = InteropTable.Write(folder.Path, rows, codec, rowGroupRows);
        var readers = new Dictionary<string, IReadOnlyList<JsonElement>>
        {
            ["duckdb"] = DuckDb.Query($"SELECT id::VARCHAR AS id, ratio, sum, key, name FROM read_parquet({DuckDb.Literal(path)})"),
            ["hyparquet"] = NodeTools.ParquetInterop("hyparquet-read", path),
            ["parquet-wasm"] = NodeTools.ParquetInterop("wasm-read", path),
        };
        foreach (var (tool, read) in readers)
        {
            Assert.Equal(n, read.Count);
            for (int i = 0; i < n; i++) AssertRow(rows[i], read[i], $"{tool} row {i}");
        }
    }

    private static void AssertRow(InteropRow e, JsonElement a, string context)
    {
        Assert.True(e.Id.ToString(CultureInfo.InvariantCulture) == a.GetProperty("id").ToString(), $"{context}: id {a.GetProperty("id")}");
        Assert.True((double.IsNaN(e.Ratio) ? null : (double?)e.Ratio) == (Null(a, "ratio") ? null : a.GetProperty("ratio").GetDouble()), $"{context}: ratio");
        Assert.True(e.Sum == a.GetProperty("sum").GetDouble(), $"{context}: sum");
        Assert.True(e.Key == a.GetProperty("key").GetString(), $"{context}: key");
        Assert.True(e.Name == (Null(a, "name") ? null : a.GetProperty("name").GetString()), $"{context}: name '{e.Name}' vs {a.GetProperty("name")}");
    }

    private static bool Null(JsonElement row, string name) => row.GetProperty(name).ValueKind == JsonValueKind.Null;

    [Fact]
    public void The_footer_has_dictionary_strings_statistics_and_the_run_metadata()
    {
        using var folder = new TempFolder();
        var rows = InteropTable.Rows(6000, 9);
        var path = InteropTable.Write(folder.Path, rows, CompressionMethod.Snappy, 2500);
        var chunks = DuckDb.Query($"SELECT row_group_id, path_in_schema, compression, encodings, stats_min_value, stats_max_value, stats_null_count " +
                                  $"FROM parquet_metadata({DuckDb.Literal(path)}) ORDER BY row_group_id, column_id");
        Assert.Equal(3 * 5, chunks.Count);
        foreach (var c in chunks)
        {
            Assert.Equal("SNAPPY", c.GetProperty("compression").GetString());
            Assert.NotEqual(JsonValueKind.Null, c.GetProperty("stats_null_count").ValueKind);
        }
        // name repeats (few distinct values): a dictionary page (Parquet.Net names it PLAIN_DICTIONARY); key is unique: Parquet.Net keeps it PLAIN.
        Assert.All(chunks.Where(c => c.GetProperty("path_in_schema").GetString() == "name"),
            c => Assert.Contains("_DICTIONARY", c.GetProperty("encodings").GetString()));

        for (int g = 0; g < 3; g++)
        {
            var group = rows[(g * 2500)..Math.Min(rows.Length, (g + 1) * 2500)];
            var byColumn = chunks.Where(c => c.GetProperty("row_group_id").ToString() == g.ToString(CultureInfo.InvariantCulture)).ToDictionary(c => c.GetProperty("path_in_schema").GetString()!);
            Assert.Equal(group.Min(r => r.Id).ToString(CultureInfo.InvariantCulture), byColumn["id"].GetProperty("stats_min_value").GetString());
            Assert.Equal(group.Max(r => r.Id).ToString(CultureInfo.InvariantCulture), byColumn["id"].GetProperty("stats_max_value").GetString());
            Assert.Equal(group.Count(r => double.IsNaN(r.Ratio)).ToString(CultureInfo.InvariantCulture), byColumn["ratio"].GetProperty("stats_null_count").ToString());
            Assert.Equal(group.Count(r => r.Name is null).ToString(CultureInfo.InvariantCulture), byColumn["name"].GetProperty("stats_null_count").ToString());
            Assert.Equal(group.Min(r => r.Key), byColumn["key"].GetProperty("stats_min_value").GetString());
            Assert.Equal(group.Max(r => r.Key), byColumn["key"].GetProperty("stats_max_value").GetString());
        }

        var metadata = DuckDb.Query($"SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata({DuckDb.Literal(path)})");
        Assert.Contains(metadata, m => m.GetProperty("key").GetString() == "pipeline.run_id" && m.GetProperty("value").GetString() == "interop-1");
    }
}
