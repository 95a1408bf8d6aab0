using Xunit;

namespace Pipeline.Parquet.Tests;

/// <summary>Column projection by name and row-group skipping by footer statistics, on our files and DuckDB's.</summary>
public class ProjectionTests
{
    [Fact]
    public void Row_groups_outside_a_range_are_skipped_by_their_statistics()
    {
        var rows = TestRows.Make(1000, 8).Select((r, i) => r with { Id = i * 10L }).ToList();
        var path = TestRows.Write(rows, new ParquetWriterOptions { RowGroupMaxRows = 100 });
        try
        {
            using var reader = ParquetFileReader.Open(path);
            Assert.Equal(10, reader.RowGroupCount);
            Assert.Equal([2], reader.RowGroupsMayContain("id", 2050L, 2100L));
            Assert.Equal([2, 3], reader.RowGroupsMayContain("id", 2990L, 3000L));
            Assert.Equal([9], reader.RowGroupsMayContain("id", 9000L, null));
            Assert.Empty(reader.RowGroupsMayContain("id", 20_000L, null));
            Assert.Equal([0], reader.RowGroupsMayContain("key", "k000050", "k000060"));
            Assert.Equal(Enumerable.Range(0, 10), reader.RowGroupsMayContain("f", 0.0, 1.0));

            // Projection: one column by name, the rows it holds match what was written.
            var key = reader.ReadColumn(4, "key");
            Assert.Equal("k000400", key.GetString(0));
            var stats = reader.GetStatistics(4, reader.ColumnIndex("id"))!;
            Assert.Equal(4000L, stats.Min);
            Assert.Equal(4990L, stats.Max);
            var e = Assert.Throws<ArgumentException>(() => reader.ReadColumn(0, "nope"));
            Assert.Contains("nope", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void DuckDB_statistics_skip_row_groups_too()
    {
        var path = TestRows.TempPath();
        try
        {
            DuckDbReader.Execute($"COPY (SELECT i::BIGINT AS id, 'k' || lpad(i::VARCHAR, 6, '0') AS key, i / 2.0 AS half FROM range(0, 10000) t(i)) TO {DuckDbReader.Literal(path)} (FORMAT parquet, ROW_GROUP_SIZE 2048)");
            using var reader = ParquetFileReader.Open(path);
            Assert.True(reader.RowGroupCount >= 4);
            var groups = reader.RowGroupsMayContain("id", 5000L, 5001L);
            Assert.Single(groups);
            var ids = reader.ReadColumn(groups[0], "id");
            Assert.Contains(Enumerable.Range(0, ids.Count), r => ids.GetInt64(r) == 5000);
            Assert.Single(reader.RowGroupsMayContain("key", "k005000", "k005000"));
            Assert.Single(reader.RowGroupsMayContain("half", 2500.0, 2500.0));
        }
        finally { File.Delete(path); }
    }
}
