using Xunit;

namespace Pipeline.Parquet.Tests;

/// <summary>
/// The writer encodes batches of staged rows with columns in parallel, and the reader decodes a row group's columns in
/// parallel: the bytes written and the values read must not depend on how many threads did the work.
/// </summary>
public class ParallelismTests
{
    private static byte[] WriteBytes(IEnumerable<TestRow> rows, ParquetWriterOptions options)
    {
        var ms = new MemoryStream();
        using (var w = new ParquetFileWriter(ms, TestRows.Schema, options, leaveOpen: true))
            foreach (var r in rows) TestRows.WriteRow(w, r);
        return ms.ToArray();
    }

    private static ParquetWriterOptions With(ParquetWriterOptions o, int threads) => new()
    {
        Codec = o.Codec, RowGroupMaxRows = o.RowGroupMaxRows, RowGroupMaxBytes = o.RowGroupMaxBytes, PageMaxBytes = o.PageMaxBytes,
        DictionaryMaxBytes = o.DictionaryMaxBytes, MaxDegreeOfParallelism = threads,
    };

    public static TheoryData<string> Layouts => ["default", "rows", "bytes"];

    private static ParquetWriterOptions Layout(string name) => name switch
    {
        "rows" => new ParquetWriterOptions { RowGroupMaxRows = 70_001, PageMaxBytes = 50_000 },         // groups end inside a batch
        "bytes" => new ParquetWriterOptions { RowGroupMaxBytes = 400_000, DictionaryMaxBytes = 20_000 }, // groups end on size
        _ => new ParquetWriterOptions(),
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Same_bytes_whatever_the_parallelism_and_the_rows_come_back(string layout)
    {
        var rows = TestRows.Make(3 * ParquetFileWriter.BatchRows + 123, seed: 11);
        var one = WriteBytes(rows, With(Layout(layout), 1));
        Assert.Equal(one, WriteBytes(rows, With(Layout(layout), 2)));
        Assert.Equal(one, WriteBytes(rows, With(Layout(layout), 5)));
        using var reader = new ParquetFileReader(new MemoryStream(one), layout);
        if (layout != "default") Assert.True(reader.RowGroupCount > 2, $"{reader.RowGroupCount} row groups");
        Assert.Equal(rows, TestRows.Read(reader));
    }

    [Fact]
    public void Long_strings_end_a_batch_early_and_give_the_same_bytes()
    {
        // 5,000 rows of ~4,000 characters pass the staged-characters limit several times before a batch is full.
        var rng = new Random(5);
        string Text() => string.Create(4_000, rng, (span, random) => { for (int k = 0; k < span.Length; k++) span[k] = (char)random.Next('a', 'z' + 1); });
        var rows = TestRows.Make(5_000, seed: 5).Select(r => r with { Name = r.Name is null ? null : Text() + r.Name }).ToList();
        var one = WriteBytes(rows, new ParquetWriterOptions { MaxDegreeOfParallelism = 1, RowGroupMaxBytes = 3_000_000 });
        Assert.Equal(one, WriteBytes(rows, new ParquetWriterOptions { MaxDegreeOfParallelism = 3, RowGroupMaxBytes = 3_000_000 }));
        using var reader = new ParquetFileReader(new MemoryStream(one), "long strings");
        Assert.True(reader.RowGroupCount > 1);
        Assert.Equal(rows, TestRows.Read(reader));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_row_group_read_in_parallel_equals_its_columns_read_one_by_one(int threads)
    {
        var bytes = WriteBytes(TestRows.Make(20_000, seed: 2), new ParquetWriterOptions { RowGroupMaxRows = 6_000, PageMaxBytes = 4096 });
        using var reader = new ParquetFileReader(new MemoryStream(bytes), "parallel read");
        int[] projection = [5, 0, 2];
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var all = reader.ReadRowGroup(g, maxDegreeOfParallelism: threads);
            Assert.Equal(TestRows.Schema.Columns.Count, all.Length);
            for (int c = 0; c < all.Length; c++) AssertSame(reader.ReadColumn(g, c), all[c]);
            var some = reader.ReadRowGroup(g, projection, threads);
            for (int i = 0; i < projection.Length; i++) AssertSame(reader.ReadColumn(g, projection[i]), some[i]);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadRowGroup(0, [0, 7]));
    }

    private static void AssertSame(ColumnData expected, ColumnData actual)
    {
        Assert.Equal(expected.Column, actual.Column);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.NullCount, actual.NullCount);
        for (int r = 0; r < expected.Count; r++) Assert.Equal(expected.GetValue(r), actual.GetValue(r));
    }
}
