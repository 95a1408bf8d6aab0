using Pipeline.Client.Commands;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Runs;

/// <summary>The <c>Parquet</c> settings reach the files a run writes (checked with DuckDB and the raw page headers).</summary>
public class ParquetSettingsTests
{
    private static Task<ProcessResult> Run(string output, params (string Key, string Value)[] settings) =>
        PipelineProcess.RunAsync(["run", "--input", FixtureRun.InputFolder, "--output", output, "--run-id", "p1", "--plain"],
            settings.ToDictionary(s => $"PIPELINE_Parquet__{s.Key}", s => s.Value));

    [Fact]
    public async Task Data_page_v2_and_zstd_give_the_same_rows_as_the_defaults()
    {
        using var plain = new TempFolder();
        using var tuned = new TempFolder();
        var first = await Run(plain.Path);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Output);
        var second = await Run(tuned.Path, ("DataPageVersion", "2"), ("Codec", "zstd"), ("RowGroupRows", "7"));
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Output);

        foreach (var table in new[] { "firm_metrics", "cluster_metrics", "region_metrics", "quarantine" })
        {
            string a = TableParts.ReadParquet(Path.Combine(plain.Path, "runs", "p1"), table), b = TableParts.ReadParquet(Path.Combine(tuned.Path, "runs", "p1"), table);
            var counts = DuckDb.Query($"SELECT (SELECT count(*) FROM {a}) AS n, (SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})) AS missing, " +
                $"(SELECT count(*) FROM (SELECT * FROM {b} EXCEPT ALL SELECT * FROM {a})) AS extra")[0];
            Assert.True(counts.GetProperty("missing").ToString() == "0" && counts.GetProperty("extra").ToString() == "0", $"{table}: {counts}");
        }

        // DuckDB's view of the chunks: ZSTD, and row groups of 7 rows; the page header at each data_page_offset starts with
        // thrift compact field 1 (i32 type): 0x15, then zigzag(3) = 0x06 for DATA_PAGE_V2 (0x00 would be DATA_PAGE).
        var file = Path.Combine(tuned.Path, "runs", "p1", "cluster_metrics", "part-00000.parquet");
        var chunks = DuckDb.Query($"SELECT compression, data_page_offset, row_group_num_rows FROM parquet_metadata({DuckDb.Literal(file)})");
        Assert.NotEmpty(chunks);
        var bytes = File.ReadAllBytes(file);
        foreach (var chunk in chunks)
        {
            Assert.Equal("ZSTD", chunk.GetProperty("compression").GetString());
            Assert.True(long.Parse(chunk.GetProperty("row_group_num_rows").ToString()) <= 7);
            long offset = long.Parse(chunk.GetProperty("data_page_offset").ToString());
            Assert.Equal(new byte[] { 0x15, 0x06 }, bytes[(int)offset..(int)(offset + 2)]);
        }
    }

    [Theory]
    [InlineData("DataPageVersion", "3")]
    [InlineData("RowGroupRows", "0")]
    [InlineData("Codec", "lz4")]
    public async Task A_bad_setting_exits_with_2_and_names_it(string key, string value)
    {
        using var output = new TempFolder();
        var run = await Run(output.Path, (key, value));
        Assert.True(run.ExitCode == ExitCodes.BadInput, run.Output);
        Assert.Contains(key == "Codec" ? "codec" : key, run.Stderr);
        Assert.False(File.Exists(Path.Combine(output.Path, "latest")));
    }
}
