using System.Globalization;
using System.Text;
using Pipeline.Grains.Output;
using Pipeline.Grains.Runs;
using Pipeline.Storage;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Parquet;

/// <summary>
/// DuckDB prunes row groups with the min/max statistics Parquet.Net writes, so wrong statistics lose rows silently
/// (Parquet.Net 6.1.0 writes TIMESTAMP(MICROS) statistics in milliseconds: <c>WHERE ts &gt;= …</c> then finds nothing).
/// On a run of the fixture with row groups of 5 rows, a range filter <c>col &gt;= x AND col &lt;= y</c> on every column
/// of every output table gets exactly the rows counted from the values themselves; and no output has a TIMESTAMP.
/// </summary>
public class RangeFilterTests
{
    [Fact]
    public async Task DuckDB_range_filters_on_every_output_column_count_exactly()
    {
        using var output = new TempFolder();
        var request = new RunRequest(new LocalFolderStore(FixtureRun.InputFolder), new LocalFolderStore(output.Path))
        {
            RunId = "ranges", Output = new OutputOptions { RowGroupRows = 5 },
        };
        await new RunCoordinator(new UnitByUnitEngine(2), NullRunObserver.Instance).RunAsync(request);
        var run = Path.Combine(output.Path, "runs", "ranges");
        var kinds = new HashSet<string>();
        foreach (var table in new[] { "firm_metrics", "cluster_metrics", "region_metrics", "quarantine" })
        {
            var parts = TableParts.Of(run, table).Select(p => ParquetRows.Read(Path.Combine(run, table, p))).ToList();
            var glob = DuckDb.Literal(Path.Combine(run, table, "**", "*.parquet"));
            var types = DuckDb.Query($"DESCRIBE SELECT * FROM read_parquet({glob}, hive_partitioning = false)")
                .ToDictionary(r => r.GetProperty("column_name").GetString()!, r => r.GetProperty("column_type").GetString()!);
            foreach (var (column, type) in types)
            {
                Assert.True(type is "BIGINT" or "DOUBLE" or "VARCHAR", $"{table}.{column} is {type}: outputs hold no TIMESTAMP (nor other types)");
                kinds.Add(type);
                var values = parts.SelectMany(p => p.Rows.Select(r => r[p.Columns.ToList().IndexOf(column)])).OfType<object>().Distinct().OrderBy(v => v, ValueOrder.Instance).ToList();
                if (values.Count == 0) continue;
                object low = values[values.Count / 3], high = values[values.Count * 2 / 3];
                long expected = parts.Sum(p => p.Rows.Count(r => r[p.Columns.ToList().IndexOf(column)] is { } v
                    && ValueOrder.Instance.Compare(v, low) >= 0 && ValueOrder.Instance.Compare(v, high) <= 0));
                var sql = $"SELECT count(*) AS n FROM read_parquet({glob}, hive_partitioning = false) WHERE \"{column}\" >= {Literal(low)} AND \"{column}\" <= {Literal(high)}";
                Assert.True(expected > 0, sql);
                Assert.Equal($"{table}.{column}: {expected}", $"{table}.{column}: {DuckDb.Query(sql)[0].GetProperty("n")}");
            }
        }
        Assert.Equal(["BIGINT", "DOUBLE", "VARCHAR"], kinds.Order());
    }

    private static string Literal(object value) => value switch
    {
        string s => "'" + s.Replace("'", "''") + "'",
        double d => $"'{d.ToString("R", CultureInfo.InvariantCulture)}'::DOUBLE",
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException(value.GetType().Name),
    };

    /// <summary>The order DuckDB compares in: numbers by value, strings by their UTF-8 bytes.</summary>
    private sealed class ValueOrder : IComparer<object?>
    {
        public static readonly ValueOrder Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)),
            (long a, long b) => a.CompareTo(b),
            (double a, double b) => a.CompareTo(b),
            _ => throw new ArgumentException($"{x?.GetType().Name} vs {y?.GetType().Name}"),
        };
    }
}
