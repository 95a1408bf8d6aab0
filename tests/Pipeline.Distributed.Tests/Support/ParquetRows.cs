using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Distributed.Tests.Support;

/// <summary>Row equality of two runs' output tables, checked by DuckDB (an independent Parquet reader).</summary>
public static class ParquetRows
{
    public static readonly string[] Tables = ["firm_metrics", "cluster_metrics", "region_metrics", "quarantine", "scenario_metrics"];

    /// <summary>Asserts every table of <paramref name="actualRun"/> has exactly the rows of <paramref name="expectedRun"/> (a multiset: EXCEPT ALL both ways, and equal counts).</summary>
    public static void AssertSame(string expectedRun, string actualRun)
    {
        foreach (var table in Tables)
        {
            string e = DuckDb.Literal(Path.Combine(expectedRun, table, "**", "*.parquet")), a = DuckDb.Literal(Path.Combine(actualRun, table, "**", "*.parquet"));
            var r = DuckDb.Query(
                $"SELECT (SELECT count(*) FROM read_parquet({e})) AS expected_rows, (SELECT count(*) FROM read_parquet({a})) AS actual_rows, " +
                $"(SELECT count(*) FROM (SELECT * FROM read_parquet({e}) EXCEPT ALL SELECT * FROM read_parquet({a}))) AS missing, " +
                $"(SELECT count(*) FROM (SELECT * FROM read_parquet({a}) EXCEPT ALL SELECT * FROM read_parquet({e}))) AS extra")[0];
            long expected = long.Parse(r.GetProperty("expected_rows").ToString()), actual = long.Parse(r.GetProperty("actual_rows").ToString());
            Assert.True(expected == actual, $"{table}: {actual} rows, expected {expected}");
            Assert.True(r.GetProperty("missing").ToString() == "0" && r.GetProperty("extra").ToString() == "0",
                $"{table}: {r.GetProperty("missing")} expected rows missing, {r.GetProperty("extra")} rows not expected");
        }
        Assert.True(expectedRunHasRows(expectedRun), "the reference run has no firm rows");

        static bool expectedRunHasRows(string run) =>
            long.Parse(DuckDb.Query($"SELECT count(*) AS n FROM read_parquet({DuckDb.Literal(Path.Combine(run, "firm_metrics", "**", "*.parquet"))})")[0].GetProperty("n").ToString()) > 0;
    }
}
