using System.Globalization;
using System.Text.Json;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Parquet;

/// <summary>
/// We read, through Parquet.Net, what the tools that export national data sets write: DuckDB (every codec, data pages
/// v1 and v2 with their DELTA / BYTE_STREAM_SPLIT encodings, several row groups) and parquet-wasm, i.e. arrow-rs (every
/// codec, writer version, dictionary on and off, several row-group sizes) — with the values the writer itself reports.
/// Booleans RLE-encoded (arrow-rs writes them in every data page v2), which Parquet.Net 6.1.0 decodes wrongly, are read
/// by our <c>RleBooleanChunk</c> and must give the writer's values too.
/// </summary>
public class InputInteropTests
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

    private static readonly string[] Columns = ["id", "small", "ratio", "f", "flag", "name", "key"];

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
        using var folder = new TempFolder();
        var path = folder.File("duck.parquet");
        DuckDb.Query($"COPY ({Select}) TO {DuckDb.Literal(path)} (FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE {rowGroupSize}, PARQUET_VERSION {version})");
        var expected = DuckDb.Query($"SELECT * FROM read_parquet({DuckDb.Literal(path)})");
        var read = ParquetRows.Read(path);
        Assert.Equal(Columns, read.Columns);
        Assert.True(read.RowGroups >= (rowGroupSize < 5000 ? 2 : 1));
        AssertRows(expected, read, Columns);
    }

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
        using var folder = new TempFolder();
        var path = folder.File("wasm.parquet");
        var expected = NodeTools.ParquetInterop("wasm-write", path, codec, version, dictionary ? "true" : "false", rowGroupRows.ToString(CultureInfo.InvariantCulture), "4000");
        string[] columns = Columns;
        var read = ParquetRows.Read(path);
        Assert.Equal(columns, read.Columns);
        Assert.Equal((4000 + rowGroupRows - 1) / rowGroupRows, read.RowGroups);
        AssertRows(expected, read, columns);
    }

    private static void AssertRows(IReadOnlyList<JsonElement> expected, ParquetRows read, string[] columns)
    {
        Assert.Equal(expected.Count, read.Rows.Count);
        for (int r = 0; r < expected.Count; r++)
            for (int c = 0; c < columns.Length; c++)
                Assert.True(Same(expected[r].GetProperty(columns[c]), read.Rows[r][c]), $"row {r} column {columns[c]}: {expected[r].GetProperty(columns[c])} vs {read.Rows[r][c]}");
    }

    private static bool Same(JsonElement e, object? actual) => actual switch
    {
        null => e.ValueKind == JsonValueKind.Null,
        string s => e.ValueKind == JsonValueKind.String && e.GetString() == s,
        bool b => e.ValueKind == (b ? JsonValueKind.True : JsonValueKind.False),
        float f => e.ValueKind == JsonValueKind.Number && (float)e.GetDouble() == f,
        double d => e.ValueKind == JsonValueKind.Number && e.GetDouble() == d,
        IFormattable n => e.ToString() == n.ToString(null, CultureInfo.InvariantCulture),
        _ => false,
    };
}
