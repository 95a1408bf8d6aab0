using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Pipeline.Parquet.Tests;

/// <summary>
/// Interoperability with the two JavaScript readers/writers: hyparquet and parquet-wasm (the Rust arrow-rs writer
/// compiled to WebAssembly) read the files we write — every codec, nulls, unicode, extremes, empty strings,
/// dictionary fallback, many row groups, 0 and 1 rows — with identical values; we read the files parquet-wasm writes
/// with each codec, writer version (data pages v1/v2), dictionary on and off and several row-group sizes.
/// </summary>
public class NodeInteropTests
{
    [Theory]
    [InlineData(ParquetCodec.Uncompressed, 1200, 1_000_000, 1 << 20)]
    [InlineData(ParquetCodec.Snappy, 1200, 1_000_000, 1 << 20)]
    [InlineData(ParquetCodec.Gzip, 1200, 1_000_000, 1 << 20)]
    [InlineData(ParquetCodec.Zstd, 1200, 1_000_000, 1 << 20)]
    [InlineData(ParquetCodec.Snappy, 5000, 700, 2000)]          // many row groups, dictionary fallback to PLAIN
    [InlineData(ParquetCodec.Zstd, 1, 1_000_000, 1 << 20)]
    [InlineData(ParquetCodec.Snappy, 0, 1_000_000, 1 << 20)]
    public void Hyparquet_and_parquet_wasm_read_our_files_with_identical_values(ParquetCodec codec, int n, int rowGroupRows, int dictionaryBytes)
    {
        var rows = TestRows.Make(n, 31 + n);
        var path = TestRows.Write(rows, new ParquetWriterOptions
        {
            Codec = codec, RowGroupMaxRows = rowGroupRows, DictionaryMaxBytes = dictionaryBytes, PageMaxBytes = dictionaryBytes < 10_000 ? 4096 : 1 << 20,
        });
        try
        {
            foreach (var tool in new[] { "hyparquet-read", "wasm-read" })
            {
                var read = DuckDbReader.Interop(tool, path);
                Assert.Equal(n, read.Count);
                for (int i = 0; i < n; i++) AssertRow(rows[i], read[i], $"{tool} row {i}");
            }
        }
        finally { File.Delete(path); }
    }

    internal static void AssertRow(TestRow e, JsonElement a, string context)
    {
        Assert.True(e.Id.ToString(CultureInfo.InvariantCulture) == a.GetProperty("id").ToString(), $"{context}: id");
        Assert.True(e.Small == (Null(a, "small") ? null : a.GetProperty("small").GetInt32()), $"{context}: small");
        Assert.True(e.Ratio == (Null(a, "ratio") ? null : a.GetProperty("ratio").GetDouble()), $"{context}: ratio");
        Assert.True(e.F == (float)a.GetProperty("f").GetDouble(), $"{context}: f");
        Assert.True(e.Flag == (Null(a, "flag") ? null : a.GetProperty("flag").GetBoolean()), $"{context}: flag");
        Assert.True(e.Name == (Null(a, "name") ? null : a.GetProperty("name").GetString()), $"{context}: name '{e.Name}' vs {a.GetProperty("name")}");
        Assert.True(e.Key == a.GetProperty("key").GetString(), $"{context}: key");
    }

    private static bool Null(JsonElement row, string name) => row.GetProperty(name).ValueKind == JsonValueKind.Null;

    [Theory]
    [InlineData("UNCOMPRESSED", "V1", true, 1_000_000)]
    [InlineData("SNAPPY", "V1", true, 1_000_000)]
    [InlineData("SNAPPY", "V2", false, 1000)]
    [InlineData("GZIP", "V1", false, 777)]
    [InlineData("GZIP", "V2", true, 2500)]
    [InlineData("ZSTD", "V2", true, 1_000_000)]
    [InlineData("ZSTD", "V1", false, 333)]
    public void We_read_what_parquet_wasm_writes(string codec, string version, bool dictionary, int rowGroupRows)
    {
        var path = TestRows.TempPath();
        try
        {
            var expected = DuckDbReader.Interop("wasm-write", path, codec, version, dictionary ? "true" : "false", rowGroupRows.ToString(CultureInfo.InvariantCulture), "4000");
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal(4000, reader.RowCount);
            Assert.Equal((4000 + rowGroupRows - 1) / rowGroupRows, reader.RowGroupCount);
            Assert.Equal([ParquetType.Int64, ParquetType.Int32, ParquetType.Double, ParquetType.Float, ParquetType.Boolean, ParquetType.String, ParquetType.String],
                reader.Schema.Columns.Select(c => c.Type));
            int row = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var c = Enumerable.Range(0, 7).Select(i => reader.ReadColumn(g, i)).ToArray();
                for (int r = 0; r < c[0].Count; r++, row++)
                {
                    var actual = new TestRow(c[0].GetInt64(r), c[1].IsNull(r) ? null : c[1].GetInt32(r), c[2].IsNull(r) ? null : c[2].GetDouble(r),
                        c[3].GetFloat(r), c[4].IsNull(r) ? null : c[4].GetBoolean(r), c[5].IsNull(r) ? null : c[5].GetString(r), c[6].GetString(r));
                    AssertRow(actual, expected[row], $"row {row}");
                }
            }
            Assert.Equal(4000, row);
        }
        finally { File.Delete(path); }
    }
}
