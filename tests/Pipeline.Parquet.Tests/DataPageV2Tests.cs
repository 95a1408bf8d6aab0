using System.Globalization;
using Pipeline.Parquet.Metadata;
using Pipeline.Parquet.Reading;
using Pipeline.Parquet.Thrift;
using Xunit;

namespace Pipeline.Parquet.Tests;

/// <summary>
/// <see cref="ParquetWriterOptions.DataPageVersion"/> = 2 writes DATA_PAGE_V2 pages (levels uncompressed before the
/// compressed values, null and row counts in the header): our reader, DuckDB, hyparquet and parquet-wasm read them
/// with identical values, for every codec, with and without dictionaries and with small pages.
/// </summary>
public class DataPageV2Tests
{
    private static string WriteV2(List<TestRow> rows, ParquetCodec codec, bool dictionary = true, int pageBytes = 1 << 20, int rowGroupRows = 1_000_000) =>
        TestRows.Write(rows, new ParquetWriterOptions
        {
            Codec = codec, DataPageVersion = 2, UseDictionary = dictionary, PageMaxBytes = pageBytes, RowGroupMaxRows = rowGroupRows,
            DictionaryMaxBytes = pageBytes < 10_000 ? 3000 : 1 << 20,
        });

    /// <summary>The header of the first data page of every column chunk of the first row group.</summary>
    private static List<PageHeader> FirstDataPages(string path)
    {
        using var stream = File.OpenRead(path);
        var meta = FooterReader.Read(stream, path, out _);
        var headers = new List<PageHeader>();
        foreach (var chunk in meta.RowGroups[0].Columns)
        {
            var bytes = new byte[256];
            stream.Position = chunk.MetaData!.DataPageOffset;
            int n = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            headers.Add(PageHeader.Read(new CompactReader(bytes, 0, n, path)));
        }
        return headers;
    }

    [Theory]
    [InlineData(ParquetCodec.Uncompressed, true, 1 << 20, 1_000_000)]
    [InlineData(ParquetCodec.Snappy, true, 1 << 20, 1_000_000)]
    [InlineData(ParquetCodec.Gzip, false, 1 << 20, 700)]
    [InlineData(ParquetCodec.Zstd, true, 4096, 1_000_000)]       // small pages, dictionary fallback
    [InlineData(ParquetCodec.Snappy, false, 2048, 999)]
    public void Our_reader_reads_v2_pages_with_identical_values(ParquetCodec codec, bool dictionary, int pageBytes, int rowGroupRows)
    {
        var rows = TestRows.Make(3000, 41 + (int)codec);
        var path = WriteV2(rows, codec, dictionary, pageBytes, rowGroupRows);
        try
        {
            var headers = FirstDataPages(path);
            Assert.All(headers, h => Assert.Equal(PageType.DataPageV2, h.Type));
            var small = headers[1].DataPageV2!;                       // "small": OPTIONAL, about a fifth null
            Assert.Equal(small.NumRows, small.NumValues);
            Assert.InRange(small.NumNulls, 1, small.NumValues - 1);
            Assert.True(small.DefinitionLevelsByteLength > 0);
            Assert.Equal(0, headers[0].DataPageV2!.DefinitionLevelsByteLength);   // "id": REQUIRED, no levels
            Assert.Equal(codec != ParquetCodec.Uncompressed, small.IsCompressed);
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal(rows, TestRows.Read(reader));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(ParquetCodec.Uncompressed)]
    [InlineData(ParquetCodec.Snappy)]
    [InlineData(ParquetCodec.Gzip)]
    [InlineData(ParquetCodec.Zstd)]
    public void DuckDb_hyparquet_and_parquet_wasm_read_v2_pages_with_identical_values(ParquetCodec codec)
    {
        var rows = TestRows.Make(2500, 7 + (int)codec);
        var path = WriteV2(rows, codec, pageBytes: 4096, rowGroupRows: 1000);
        try
        {
            var duck = DuckDbReader.Query($"SELECT * FROM read_parquet({DuckDbReader.Literal(path)})");
            Assert.Equal(rows.Count, duck.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(rows[i].Id.ToString(CultureInfo.InvariantCulture), duck[i].GetProperty("id").ToString());
                Assert.Equal(rows[i].Name, duck[i].GetProperty("name").GetString());
                Assert.Equal(rows[i].Small?.ToString(CultureInfo.InvariantCulture), duck[i].GetProperty("small").ValueKind == System.Text.Json.JsonValueKind.Null ? null : duck[i].GetProperty("small").ToString());
            }
            foreach (var tool in new[] { "hyparquet-read", "wasm-read" })
            {
                var read = DuckDbReader.Interop(tool, path);
                Assert.Equal(rows.Count, read.Count);
                for (int i = 0; i < rows.Count; i++) NodeInteropTests.AssertRow(rows[i], read[i], $"{tool} row {i}");
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Only_versions_1_and_2_exist()
    {
        var e = Assert.Throws<ArgumentException>(() => new ParquetFileWriter(new MemoryStream(), TestRows.Schema, new ParquetWriterOptions { DataPageVersion = 3 }));
        Assert.Contains("DataPageVersion", e.Message);
    }
}
