using Parquet;
using Pipeline.Grains.Output;
using Pipeline.Storage;

namespace Pipeline.Tests.Parquet;

/// <summary>A row with one column of every kind an output table has.</summary>
public sealed record InteropRow(long Id, double Ratio, double Sum, string Key, string? Name);

/// <summary>
/// A test table written exactly as the pipeline writes its outputs (<see cref="ParquetTableWriter"/>, Parquet.Net):
/// REQUIRED int64, OPTIONAL double (NaN → null), REQUIRED double, REQUIRED string, OPTIONAL string — with extremes,
/// unicode (CJK, emoji), empty strings and nulls.
/// </summary>
public static class InteropTable
{
    public static readonly OutputTable<InteropRow> Table = new("interop",
    [
        OutputColumn<InteropRow>.Int64("id", (in InteropRow r) => r.Id),
        OutputColumn<InteropRow>.Double("ratio", (in InteropRow r) => r.Ratio),
        OutputColumn<InteropRow>.RequiredDouble("sum", (in InteropRow r) => r.Sum),
        OutputColumn<InteropRow>.String("key", (in InteropRow r) => r.Key, required: true),
        OutputColumn<InteropRow>.String("name", (in InteropRow r) => r.Name, required: false),
    ]);

    private static readonly string[] Words = ["温州鞋业", "Wenzhou", "🙂", "plain"];

    public static InteropRow[] Rows(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(i => new InteropRow(
            i == 0 ? long.MinValue : i == 1 ? long.MaxValue : random.NextInt64(-1_000_000_000_000, 1_000_000_000_000),
            i % 5 == 0 ? double.NaN : i == 2 ? double.Epsilon : i == 3 ? -1.7e308 : random.NextDouble() * 2 - 1,
            i == 4 ? 1.7e308 : i * 0.1,
            $"k{i:D6}",
            i % 11 == 0 ? null : i % 13 == 0 ? "" : Words[i % 4] + (i % 50)))];
    }

    /// <summary>Writes the rows as one part (row groups of <paramref name="rowGroupRows"/>) and returns its path.</summary>
    public static string Write(string folder, InteropRow[] rows, CompressionMethod codec, int rowGroupRows)
    {
        var format = new OutputOptions { Codec = codec, RowGroupRows = rowGroupRows }.ForRun(new Dictionary<string, string> { ["pipeline.run_id"] = "interop-1" });
        new ParquetTableWriter(new LocalFolderStore(folder), "run", format).WriteAsync(Table, rows).GetAwaiter().GetResult();
        return Path.Combine(folder, "run", "interop", "part-00000.parquet");
    }
}
