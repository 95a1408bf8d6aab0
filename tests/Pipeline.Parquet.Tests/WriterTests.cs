using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Pipeline.Parquet.Tests;

/// <summary>Files from <see cref="ParquetFileWriter"/> read back by DuckDB with identical values and the metadata we wrote.</summary>
public class WriterTests
{
    [Theory]
    [InlineData(ParquetCodec.Uncompressed, 1000, 1_000_000)]
    [InlineData(ParquetCodec.Snappy, 1000, 1_000_000)]
    [InlineData(ParquetCodec.Gzip, 1000, 1_000_000)]
    [InlineData(ParquetCodec.Zstd, 1000, 1_000_000)]
    [InlineData(ParquetCodec.Zstd, 3000, 1000)]
    [InlineData(ParquetCodec.Snappy, 2500, 300)]
    [InlineData(ParquetCodec.Snappy, 1, 1_000_000)]
    [InlineData(ParquetCodec.Snappy, 0, 1_000_000)]
    public void DuckDb_reads_identical_values(ParquetCodec codec, int n, int rowGroupRows)
    {
        var rows = TestRows.Make(n, n + (int)codec);
        var path = TestRows.Write(rows, new ParquetWriterOptions { Codec = codec, RowGroupMaxRows = rowGroupRows });
        try
        {
            var read = DuckDbReader.Query($"SELECT * FROM read_parquet({DuckDbReader.Literal(path)})");
            Assert.Equal(n, read.Count);
            for (int i = 0; i < n; i++)
            {
                var e = rows[i]; var a = read[i];
                Assert.Equal(e.Id.ToString(CultureInfo.InvariantCulture), a.GetProperty("id").ToString());
                Assert.Equal(e.Small?.ToString(CultureInfo.InvariantCulture), Str(a, "small"));
                if (e.Ratio is null) Assert.Equal(JsonValueKind.Null, a.GetProperty("ratio").ValueKind);
                else Assert.Equal(e.Ratio.Value, a.GetProperty("ratio").GetDouble());
                Assert.Equal(e.F, (float)a.GetProperty("f").GetDouble());
                Assert.Equal(e.Flag?.ToString().ToLowerInvariant(), Str(a, "flag"));
                Assert.Equal(e.Name, Str(a, "name"));
                Assert.Equal(e.Key, a.GetProperty("key").GetString());
            }
            var groups = DuckDbReader.Query($"SELECT count(DISTINCT row_group_id) AS g FROM parquet_metadata({DuckDbReader.Literal(path)})");
            Assert.Equal(n == 0 ? 0 : (n + rowGroupRows - 1) / rowGroupRows, int.Parse(groups[0].GetProperty("g").ToString()));
        }
        finally { File.Delete(path); }
    }

    private static string? Str(JsonElement row, string name)
    {
        var v = row.GetProperty(name);
        return v.ValueKind switch { JsonValueKind.Null => null, JsonValueKind.String => v.GetString(), JsonValueKind.True => "true", JsonValueKind.False => "false", _ => v.ToString() };
    }

    [Fact]
    public void Metadata_shows_codec_statistics_schema_and_key_values()
    {
        var rows = TestRows.Make(500, 3);
        var path = TestRows.Write(rows, new ParquetWriterOptions
        {
            Codec = ParquetCodec.Snappy,
            KeyValueMetadata = new Dictionary<string, string> { ["pipeline.run_id"] = "r1" },
        });
        try
        {
            var meta = DuckDbReader.Query($"SELECT path_in_schema, compression, encodings, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata({DuckDbReader.Literal(path)})")
                .ToDictionary(r => r.GetProperty("path_in_schema").GetString()!);
            Assert.Equal("SNAPPY", meta["id"].GetProperty("compression").GetString());
            Assert.Equal(rows.Min(r => r.Id).ToString(CultureInfo.InvariantCulture), meta["id"].GetProperty("stats_min_value").GetString());
            Assert.Equal(rows.Max(r => r.Id).ToString(CultureInfo.InvariantCulture), meta["id"].GetProperty("stats_max_value").GetString());
            Assert.Equal(rows.Count(r => r.Small is null).ToString(CultureInfo.InvariantCulture), meta["small"].GetProperty("stats_null_count").ToString());
            Assert.Equal("k000000", meta["key"].GetProperty("stats_min_value").GetString());
            Assert.Equal("k000499", meta["key"].GetProperty("stats_max_value").GetString());
            Assert.Contains("RLE_DICTIONARY", meta["id"].GetProperty("encodings").GetString());   // integers are dictionary-encoded too
            Assert.Contains("PLAIN", meta["ratio"].GetProperty("encodings").GetString());

            var schema = DuckDbReader.Query($"SELECT name, repetition_type, type, logical_type FROM parquet_schema({DuckDbReader.Literal(path)})")
                .Where(r => r.GetProperty("name").GetString() != "schema").ToDictionary(r => r.GetProperty("name").GetString()!);
            Assert.Equal("REQUIRED", schema["id"].GetProperty("repetition_type").GetString());
            Assert.Equal("OPTIONAL", schema["name"].GetProperty("repetition_type").GetString());
            Assert.Equal("BYTE_ARRAY", schema["name"].GetProperty("type").GetString());

            var kv = DuckDbReader.Query($"SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata({DuckDbReader.Literal(path)})");
            Assert.Contains(kv, r => r.GetProperty("k").GetString() == "pipeline.run_id" && r.GetProperty("v").GetString() == "r1");
            var created = DuckDbReader.Query($"SELECT created_by FROM parquet_file_metadata({DuckDbReader.Literal(path)})");
            Assert.StartsWith("pipeline-parquet", created[0].GetProperty("created_by").GetString());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Misuse_is_refused_with_the_column_named()
    {
        using var w = new ParquetFileWriter(new MemoryStream(), TestRows.Schema);
        var e = Assert.Throws<ArgumentException>(() => w.WriteNull(0));
        Assert.Contains("'id'", e.Message);
        Assert.Throws<ArgumentException>(() => w.WriteDouble(0, 1.0));
        w.WriteInt64(0, 1);
        Assert.Throws<InvalidOperationException>(() => w.WriteInt64(0, 2));
        var missing = Assert.Throws<InvalidOperationException>(() => w.EndRow());
        Assert.Contains("got no value", missing.Message);
    }
}
