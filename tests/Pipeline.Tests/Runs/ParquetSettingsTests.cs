using Pipeline.Client.Commands;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Runs;

/// <summary>The <c>Parquet</c> settings reach the files a run writes (checked with DuckDB's view of the footer).</summary>
public class ParquetSettingsTests
{
    private static Task<ProcessResult> Run(string output, params (string Key, string Value)[] settings) =>
        PipelineProcess.RunAsync(["run", "--input", FixtureRun.InputFolder, "--output", output, "--run-id", "p1", "--plain"],
            settings.ToDictionary(s => $"PIPELINE_Parquet__{s.Key}", s => s.Value));

    [Fact]
    public async Task Zstd_gzip_and_small_row_groups_give_the_same_rows_as_the_defaults()
    {
        using var plain = new TempFolder();
        using var tuned = new TempFolder();
        var first = await Run(plain.Path);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Output);
        var second = await Run(tuned.Path, ("Codec", "zstd"), ("RowGroupRows", "7"));
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Output);
        using var gzip = new TempFolder();
        var third = await Run(gzip.Path, ("Codec", "gzip"));
        Assert.True(third.ExitCode == ExitCodes.Ok, third.Output);

        foreach (var table in new[] { "firm_metrics", "cluster_metrics", "region_metrics", "quarantine" })
        foreach (var other in new[] { tuned.Path, gzip.Path })
        {
            string a = TableParts.ReadParquet(Path.Combine(plain.Path, "runs", "p1"), table), b = TableParts.ReadParquet(Path.Combine(other, "runs", "p1"), table);
            var counts = DuckDb.Query($"SELECT (SELECT count(*) FROM {a}) AS n, (SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})) AS missing, " +
                $"(SELECT count(*) FROM (SELECT * FROM {b} EXCEPT ALL SELECT * FROM {a})) AS extra")[0];
            Assert.True(counts.GetProperty("missing").ToString() == "0" && counts.GetProperty("extra").ToString() == "0", $"{table}: {counts}");
        }

        // DuckDB's view of the chunks: ZSTD (GZIP), and row groups of 7 rows.
        foreach (var (folder, codec, maxRows) in new[] { (tuned.Path, "ZSTD", 7L), (gzip.Path, "GZIP", 1_000_000L) })
        {
            var file = Path.Combine(folder, "runs", "p1", "cluster_metrics", "part-00000.parquet");
            var chunks = DuckDb.Query($"SELECT compression, row_group_num_rows FROM parquet_metadata({DuckDb.Literal(file)})");
            Assert.NotEmpty(chunks);
            foreach (var chunk in chunks)
            {
                Assert.Equal(codec, chunk.GetProperty("compression").GetString());
                Assert.True(long.Parse(chunk.GetProperty("row_group_num_rows").ToString()) <= maxRows);
            }
        }
    }

    [Fact]
    public async Task The_removed_data_page_version_setting_is_a_clear_error()
    {
        using var output = new TempFolder();
        var run = await Run(output.Path, ("DataPageVersion", "1"));
        Assert.True(run.ExitCode == ExitCodes.BadInput, run.Output);
        Assert.Contains("Parquet:DataPageVersion was removed", run.Stderr);
        Assert.False(File.Exists(Path.Combine(output.Path, "latest")));
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
