using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Pipeline.Parquet.Tests;

/// <summary>
/// Interoperability with DuckDB both ways: we read the files DuckDB writes (every codec, data page v1 and v2 with its
/// DELTA/BYTE_STREAM_SPLIT encodings, several row groups) with the values DuckDB itself reads, and DuckDB reads our
/// dictionary-encoded and fallback files and reports the encodings and codec we wrote.
/// </summary>
public class DuckDbInteropTests
{
    private const string Select = """
        SELECT i::BIGINT AS id,
               CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 7919 % 100003 - 50000)::INTEGER END AS small,
               CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3.0 END::DOUBLE AS ratio,
               (i * 0.25)::FLOAT AS f,
               CASE WHEN i % 3 = 0 THEN NULL ELSE i % 2 = 0 END AS flag,
               CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN '' ELSE ['温州鞋业', 'Wenzhou', '🙂', 'plain'][i % 4 + 1] || (i % 50)::VARCHAR END AS name,
               'key-' || lpad(i::VARCHAR, 6, '0') AS key
        FROM range(0, 5000) t(i)
        """;

    [Theory]
    [InlineData("snappy", "V1", 100_000)]
    [InlineData("gzip", "V1", 1000)]
    [InlineData("zstd", "V1", 2048)]
    [InlineData("uncompressed", "V1", 100_000)]
    [InlineData("snappy", "V2", 1500)]
    [InlineData("zstd", "V2", 100_000)]
    [InlineData("uncompressed", "V2", 3000)]
    public void We_read_what_DuckDB_writes(string codec, string version, int rowGroupSize)
    {
        var path = TestRows.TempPath();
        try
        {
            DuckDbReader.Execute($"COPY ({Select}) TO {DuckDbReader.Literal(path)} (FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE {rowGroupSize}, PARQUET_VERSION {version})");
            var expected = DuckDbReader.Query($"SELECT * FROM read_parquet({DuckDbReader.Literal(path)})");
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal(5000, reader.RowCount);
            Assert.Equal(["id", "small", "ratio", "f", "flag", "name", "key"], reader.Schema.Columns.Select(c => c.Name));
            Assert.Equal([ParquetType.Int64, ParquetType.Int32, ParquetType.Double, ParquetType.Float, ParquetType.Boolean, ParquetType.String, ParquetType.String],
                reader.Schema.Columns.Select(c => c.Type));
            int row = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var cols = Enumerable.Range(0, 7).Select(c => reader.ReadColumn(g, c)).ToArray();
                for (int r = 0; r < cols[0].Count; r++, row++)
                {
                    var e = expected[row];
                    Assert.Equal(e.GetProperty("id").GetString(), cols[0].GetInt64(r).ToString(CultureInfo.InvariantCulture));
                    Assert.Equal(Json(e, "small"), cols[1].IsNull(r) ? null : cols[1].GetInt32(r).ToString(CultureInfo.InvariantCulture));
                    if (cols[2].IsNull(r)) Assert.Equal(JsonValueKind.Null, e.GetProperty("ratio").ValueKind);
                    else Assert.Equal(e.GetProperty("ratio").GetDouble(), cols[2].GetDouble(r));
                    Assert.Equal((float)e.GetProperty("f").GetDouble(), cols[3].GetFloat(r));
                    Assert.Equal(Json(e, "flag"), cols[4].IsNull(r) ? null : cols[4].GetBoolean(r) ? "true" : "false");
                    Assert.Equal(Json(e, "name"), cols[5].IsNull(r) ? null : cols[5].GetString(r));
                    Assert.Equal(e.GetProperty("key").GetString(), cols[6].GetString(r));
                }
            }
            Assert.Equal(5000, row);
            Assert.True(reader.RowGroupCount >= (rowGroupSize < 5000 ? 2 : 1));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void DuckDB_reads_our_dictionary_and_fallback_pages()
    {
        var rows = TestRows.Make(6000, 9);
        var path = TestRows.Write(rows, new ParquetWriterOptions { Codec = ParquetCodec.Zstd, DictionaryMaxBytes = 3000, PageMaxBytes = 4096 });
        try
        {
            var read = DuckDbReader.Query($"SELECT name, key FROM read_parquet({DuckDbReader.Literal(path)})");
            Assert.Equal(rows.Select(r => r.Name), read.Select(r => Json(r, "name")));
            Assert.Equal(rows.Select(r => r.Key), read.Select(r => r.GetProperty("key").GetString()));
            var meta = DuckDbReader.Query($"SELECT path_in_schema, compression, encodings, stats_min_value, stats_max_value FROM parquet_metadata({DuckDbReader.Literal(path)})")
                .ToDictionary(r => r.GetProperty("path_in_schema").GetString()!);
            Assert.Equal("ZSTD", meta["key"].GetProperty("compression").GetString());
            // key: 6000 distinct values overflow the 3000-byte dictionary, so both encodings appear; name: few distinct values, dictionary only.
            Assert.Contains("RLE_DICTIONARY", meta["key"].GetProperty("encodings").GetString());
            Assert.Contains("PLAIN", meta["key"].GetProperty("encodings").GetString());
            Assert.Contains("RLE_DICTIONARY", meta["name"].GetProperty("encodings").GetString());
            Assert.Equal("k000000", meta["key"].GetProperty("stats_min_value").GetString());
            Assert.Equal("k005999", meta["key"].GetProperty("stats_max_value").GetString());
            var nonNull = rows.Where(r => r.Name is not null).Select(r => r.Name!).ToList();
            nonNull.Sort(string.CompareOrdinal);
            Assert.Equal(nonNull[0], meta["name"].GetProperty("stats_min_value").GetString());
        }
        finally { File.Delete(path); }
    }

    private static string? Json(JsonElement row, string name)
    {
        var v = row.GetProperty(name);
        return v.ValueKind switch
        {
            JsonValueKind.Null => null, JsonValueKind.String => v.GetString(), JsonValueKind.True => "true", JsonValueKind.False => "false",
            _ => v.ToString(),
        };
    }
}
