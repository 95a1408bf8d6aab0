using Xunit;

namespace Pipeline.Parquet.Tests;

/// <summary>Files from <see cref="ParquetFileWriter"/> read back by <see cref="ParquetFileReader"/> with identical values.</summary>
public class RoundTripTests
{
    [Theory]
    [InlineData(ParquetCodec.Uncompressed, 1000, 1_000_000, true)]
    [InlineData(ParquetCodec.Snappy, 1000, 1_000_000, true)]
    [InlineData(ParquetCodec.Gzip, 1000, 1_000_000, true)]
    [InlineData(ParquetCodec.Zstd, 1000, 1_000_000, true)]
    [InlineData(ParquetCodec.Snappy, 2500, 300, true)]
    [InlineData(ParquetCodec.Zstd, 2500, 7, false)]
    [InlineData(ParquetCodec.Snappy, 1, 1_000_000, true)]
    [InlineData(ParquetCodec.Snappy, 0, 1_000_000, true)]
    public void Values_survive_a_round_trip(ParquetCodec codec, int n, int rowGroupRows, bool dictionary)
    {
        var rows = TestRows.Make(n, 17 + n);
        var path = TestRows.Write(rows, new ParquetWriterOptions { Codec = codec, RowGroupMaxRows = rowGroupRows, UseDictionary = dictionary });
        try
        {
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal(n, reader.RowCount);
            Assert.Equal(n == 0 ? 0 : (n + rowGroupRows - 1) / rowGroupRows, reader.RowGroupCount);
            Assert.Equal(TestRows.Schema.Columns, reader.Schema.Columns);
            Assert.Equal(rows, TestRows.Read(reader));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Small_pages_and_dictionary_fallback_keep_every_value()
    {
        var rows = TestRows.Make(20_000, 5);
        var path = TestRows.Write(rows, new ParquetWriterOptions { PageMaxBytes = 1000, DictionaryMaxBytes = 2000, RowGroupMaxRows = 8000 });
        try
        {
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal(3, reader.RowGroupCount);
            Assert.Equal(rows, TestRows.Read(reader));
            var key = reader.ReadColumn(2, 6);
            Assert.Equal(4000, key.Count);
            Assert.Equal("k016000", key.GetString(0));
            Assert.Equal("k019999", key.GetValue(3999));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Nan_infinities_and_all_null_columns_round_trip()
    {
        var schema = new ParquetSchema([ParquetColumn.Double("d"), ParquetColumn.Float("f"), ParquetColumn.String("s", required: false), ParquetColumn.Int32("i", required: false)]);
        double[] ds = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.MinValue];
        float[] fs = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, float.Epsilon];
        var path = TestRows.TempPath();
        using (var w = new ParquetFileWriter(File.Create(path), schema, new ParquetWriterOptions { Codec = ParquetCodec.Gzip }))
            for (int i = 0; i < ds.Length; i++) { w.WriteDouble(0, ds[i]); w.WriteFloat(1, fs[i]); w.WriteString(2, null); w.WriteNull(3); w.EndRow(); }
        try
        {
            using var reader = ParquetFileReader.Open(path);
            var d = reader.ReadColumn(0, 0); var f = reader.ReadColumn(0, 1); var s = reader.ReadColumn(0, 2); var n = reader.ReadColumn(0, 3);
            for (int i = 0; i < ds.Length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(ds[i]), BitConverter.DoubleToInt64Bits(d.GetDouble(i)));
                Assert.Equal(BitConverter.SingleToInt32Bits(fs[i]), BitConverter.SingleToInt32Bits(f.GetFloat(i)));
                Assert.True(s.IsNull(i));
                Assert.Null(n.GetValue(i));
            }
            Assert.Equal(5, s.NullCount);
            Assert.Throws<InvalidOperationException>(() => s.GetString(0));
            Assert.Throws<InvalidOperationException>(() => d.GetInt64(0));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Key_value_metadata_and_created_by_are_read_back()
    {
        var path = TestRows.Write(TestRows.Make(3, 1), new ParquetWriterOptions
        {
            KeyValueMetadata = new Dictionary<string, string> { ["pipeline.run_id"] = "r-42", ["b"] = "温州" },
            CreatedBy = "test-writer 1.0",
        });
        try
        {
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal("r-42", reader.KeyValueMetadata["pipeline.run_id"]);
            Assert.Equal("温州", reader.KeyValueMetadata["b"]);
            Assert.Equal("test-writer 1.0", reader.CreatedBy);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_half_written_row_leaves_no_valid_file()
    {
        var ms = new MemoryStream();
        using (var w = new ParquetFileWriter(ms, TestRows.Schema, leaveOpen: true)) w.WriteInt64(0, 1);
        var e = Assert.Throws<ParquetFormatException>(() => new ParquetFileReader(new MemoryStream(ms.ToArray()), "half.parquet"));
        Assert.Contains("half.parquet", e.Message);
    }
}
