using Pipeline.Client.Report;
using Parquet.Schema;
using Pipeline.Storage;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Report;

/// <summary>
/// <see cref="RunTableReader"/> over several parts: row groups in order, Hive folder values as a column, and nulls
/// where a part lacks a column that another part has (older runs, schema changes).
/// </summary>
public class RunTableReaderTests
{
    [Fact]
    public async Task Parts_row_groups_hive_values_and_missing_columns_line_up_row_by_row()
    {
        using var store = new TempFolder();
        var table = Path.Combine(store.Path, "runs", "r1", "t");
        // Part A: id + x, three rows in two row groups. Part B: id + y (no x), two rows. Part C: id only, one row.
        ParquetTestFile.Write(Path.Combine(table, "province=Anhui", "part-00000.parquet"),
            new ParquetSchema(ParquetTestFile.Field<long>("id", required: true), ParquetTestFile.Field<double>("x")), 2, [1L, 0.5], [2L, null], [3L, 2.5]);
        ParquetTestFile.Write(Path.Combine(table, "province=Inner%20Mongolia", "part-00000.parquet"),
            new ParquetSchema(ParquetTestFile.Field<long>("id", required: true), ParquetTestFile.Field<string>("y", required: true)), 10, [4L, "a"], [5L, "b"]);
        ParquetTestFile.Write(Path.Combine(table, "province=__HIVE_DEFAULT_PARTITION__", "part-00000.parquet"),
            new ParquetSchema(ParquetTestFile.Field<long>("id", required: true)), 10, [6L]);

        var read = await RunTableReader.ReadAsync(new LocalFolderStore(store.Path), "r1", "t", ["id", "x", "y", "province", "absent"], default);

        Assert.Equal(6, read.Count);
        Assert.False(read.Has("absent"));
        Assert.Equal(new object?[] { 1L, 2L, 3L, 4L, 5L, 6L }, Column(read, "id"));
        Assert.Equal(new object?[] { 0.5, null, 2.5, null, null, null }, Column(read, "x"));
        Assert.Equal(new object?[] { null, null, null, "a", "b", null }, Column(read, "y"));
        Assert.Equal(new object?[] { "Anhui", "Anhui", "Anhui", "Inner Mongolia", "Inner Mongolia", null }, Column(read, "province"));
        Assert.Equal(2.5, read.Double("x", 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => read.Value("id", 6));
    }

    private static object?[] Column(RunTable table, string name) => [.. Enumerable.Range(0, table.Count).Select(r => table.Value(name, r))];
}
