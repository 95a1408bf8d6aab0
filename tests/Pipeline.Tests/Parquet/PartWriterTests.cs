using System.Collections.ObjectModel;
using Parquet;
using Pipeline.Grains.Output;
using Pipeline.Storage;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Parquet;

/// <summary>
/// The writer's own mechanics: rows gathered block by block into column buffers give the same bytes whatever list the
/// rows come in (array, List, any IReadOnlyList) and read back as written across row groups and block edges; a
/// partitioned table is split into its Hive folders in ordinal order with the rows in their order.
/// </summary>
public class PartWriterTests
{
    /// <summary><see cref="InteropTable.Table"/>'s columns partitioned by <c>name</c> (nulls and "" included).</summary>
    private static readonly OutputTable<InteropRow> ByName = new("by_name", InteropTable.Table.Columns, partitionBy: "name");

    [Theory]
    [InlineData(5000, 700)]       // row groups smaller than a gather block
    [InlineData(5000, 2500)]      // row groups spanning several blocks, the last one partial
    [InlineData(1, 1_000_000)]
    public async Task Array_List_and_other_row_lists_give_the_same_bytes_that_read_back_as_the_rows(int n, int rowGroupRows)
    {
        var rows = InteropTable.Rows(n, 7 + n);
        var lists = new IReadOnlyList<InteropRow>[] { rows, rows.ToList(), new ReadOnlyCollection<InteropRow>(rows) };
        var written = new List<Dictionary<string, byte[]>>();
        foreach (var list in lists)
        {
            using var folder = new TempFolder();
            var format = new OutputOptions { RowGroupRows = rowGroupRows }.ForRun(new Dictionary<string, string> { ["pipeline.run_id"] = "w" });
            var result = await new ParquetTableWriter(new LocalFolderStore(folder.Path), "run", format).WriteAsync(InteropTable.Table, list);
            written.Add(result.Files.ToDictionary(f => f.Name, f => File.ReadAllBytes(Path.Combine(folder.Path, "run", f.Name))));
        }
        foreach (var other in written.Skip(1))
        {
            Assert.Equal(written[0].Keys.Order(), other.Keys.Order());
            foreach (var (name, bytes) in written[0]) Assert.True(bytes.AsSpan().SequenceEqual(other[name]), $"{name} differs");
        }

        using var back = new TempFolder();
        var path = InteropTable.Write(back.Path, rows, CompressionMethod.Snappy, rowGroupRows);
        var read = ParquetRows.Read(path);
        Assert.Equal((n + rowGroupRows - 1) / rowGroupRows, read.RowGroups);
        Assert.Equal(n, read.Rows.Count);
        for (int i = 0; i < n; i++)
        {
            var e = rows[i];
            Assert.Equal<object?[]>([e.Id, double.IsNaN(e.Ratio) ? null : e.Ratio, e.Sum, e.Key, e.Name], read.Rows[i]);
        }
    }

    [Theory]
    [InlineData(1)]               // one column per batch
    [InlineData(60 * 2500)]       // two or three columns per batch
    public async Task Gathering_columns_in_batches_gives_the_same_bytes(long gatherBytes)
    {
        var rows = InteropTable.Rows(5000, 3);
        var bytes = new List<byte[]>();
        foreach (var batch in new long?[] { null, gatherBytes })
        {
            var format = new OutputOptions { RowGroupRows = 2500 }.ForRun(new Dictionary<string, string> { ["pipeline.run_id"] = "b" });
            if (batch is { } b) format = format with { GatherBytes = b };
            using var output = new MemoryStream();
            await ParquetPartWriter.WriteAsync(output, InteropTable.Table, format, rows, Enumerable.Range(0, rows.Length).ToArray());
            bytes.Add(output.ToArray());
        }
        Assert.True(bytes[0].AsSpan().SequenceEqual(bytes[1]));
    }

    [Fact]
    public void A_partitioned_table_is_split_into_hive_folders_in_ordinal_order_with_rows_in_their_order()
    {
        var rows = InteropTable.Rows(3000, 5);
        var parts = OutputParts.Plan(ByName, rows, rowsPerPart: 40);
        var expected = rows.Select((r, i) => (Folder: OutputTable<InteropRow>.PartitionFolder("name", r.Name), Index: i))
            .GroupBy(x => x.Folder).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Select(x => x.Index).Chunk(40).Select((chunk, p) => (Name: $"by_name/{g.Key}/part-{p:D5}.parquet", Rows: chunk)))
            .ToList();
        Assert.Equal(expected.Select(e => e.Name), parts.Select(p => p.Name));
        for (int i = 0; i < parts.Count; i++) Assert.Equal(expected[i].Rows, parts[i].Positions.ToArray());
        Assert.Contains(parts, p => p.Name.StartsWith("by_name/name=__HIVE_DEFAULT_PARTITION__/", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.Name.StartsWith("by_name/name=%F0%9F%99%82", StringComparison.Ordinal));   // "🙂…" URI-escaped
    }

    [Fact]
    public void Null_and_empty_partition_values_share_the_default_folder_and_an_empty_table_still_gets_a_part()
    {
        InteropRow Row(long id, string? name) => new(id, 0, 0, "k", name);
        var parts = OutputParts.Plan(ByName, [Row(0, "b"), Row(1, null), Row(2, ""), Row(3, "a"), Row(4, null)], rowsPerPart: 10);
        Assert.Equal(["by_name/name=__HIVE_DEFAULT_PARTITION__/part-00000.parquet", "by_name/name=a/part-00000.parquet", "by_name/name=b/part-00000.parquet"],
            parts.Select(p => p.Name));
        Assert.Equal([1, 2, 4], parts[0].Positions.ToArray());
        Assert.Equal(["interop/part-00000.parquet"], OutputParts.Plan(InteropTable.Table, Array.Empty<InteropRow>(), 10).Select(p => p.Name));
    }
}
