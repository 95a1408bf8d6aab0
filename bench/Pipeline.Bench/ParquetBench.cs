using System.Diagnostics;
using System.Text.Json;
using Parquet;
using Pipeline.Grains.Output;
using Pipeline.Grains.ParquetFiles;
using Pipeline.Grains.Units;
using Pipeline.Metrics;
using Pipeline.Storage;

namespace Pipeline.Bench;

/// <summary>
/// Writes and reads a <see cref="FirmMetricsShape"/> table the way a run does, through Parquet.Net: the product's
/// <see cref="OutputTables.FirmMetrics"/> table (Snappy, dictionary-encoded strings, 1 M-row row groups, one Hive
/// folder per province) written by <see cref="ParquetTableWriter"/> (files in parallel on every core) into a local
/// folder, then every column of every part read back with Parquet.Net (parts in parallel) and summed. Rows are built in
/// memory first (not timed). Prints JSON lines; bench/parquet.sh runs DuckDB on the same rows and prints the ratios.
/// Usage: Pipeline.Bench parquet OUT_DIR ROWS [CODEC] | Pipeline.Bench parquet-read DIR_OR_FILE
/// </summary>
public static class ParquetBench
{
    public static int Run(string outDir, long rows, CompressionMethod codec = CompressionMethod.Snappy)
    {
        var folder = Path.Combine(outDir, "ours");
        var gen = Measured.Start();
        var table = Rows(rows);
        Report("generate", rows, gen, 0, 0);

        Write(Path.Combine(outDir, "warmup"), Rows(Math.Min(rows, 100_000)), codec);      // JIT
        Read(Path.Combine(outDir, "warmup"));
        Directory.Delete(Path.Combine(outDir, "warmup"), true);

        if (Directory.Exists(folder)) Directory.Delete(folder, true);
        var sw = Measured.Start();
        long bytes = Write(folder, table, codec);
        Report("write", rows, sw, bytes, 0);
        table = null!;                                          // a reader has no 10 M rows in memory: each gen2 GC would scan them
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        sw = Measured.Start();
        var (n, sum) = Read(folder);
        Report("read", n, sw, bytes, sum);
        sw = Measured.Start();
        (n, sum) = Read(folder);                               // again: the first pass also compiles the reader's generic code paths
        Report("read-again", n, sw, bytes, sum);
        return 0;
    }

    /// <summary>Times our reader on another tool's file or folder (bench/parquet.sh: DuckDB's).</summary>
    public static int ReadOther(string path, string op)
    {
        Read(path);                                            // warm-up (JIT, page cache)
        var sw = Measured.Start();
        var (n, sum) = Read(path);
        Report(op, n, sw, Files(path).Sum(f => new FileInfo(f).Length), sum);
        return 0;
    }

    internal static FirmMetricsRow[] Rows(long count)
    {
        var rows = new FirmMetricsRow[count];
        Parallel.For(0, (int)((count + 65_535) / 65_536), block =>
        {
            var r = new FirmMetricsShape.Row();
            for (long i = block * 65_536L; i < Math.Min(count, (block + 1) * 65_536L); i++)
            {
                FirmMetricsShape.Fill(i, ref r);
                rows[i] = new FirmMetricsRow(
                    new FirmClusterMetrics(r.FirmId, r.ClusterId, r.Province!, r.Degree, r.Strength, r.Clustering, r.Betweenness, r.Constraint, r.EffectiveSize, r.Efficiency),
                    new FirmSupplyMetrics(r.FirmId, r.External, r.Foreign, r.TopCustomer, r.Hhi,
                        new BrokerageCounts(r.Coordinator, r.Itinerant, r.Representative, r.Gatekeeper, r.Liaison)));
            }
        });
        return rows;
    }

    /// <summary>Writes the rows as a run writes firm_metrics; returns the bytes written.</summary>
    private static long Write(string folder, FirmMetricsRow[] rows, CompressionMethod codec)
    {
        Directory.CreateDirectory(folder);
        var format = new OutputOptions { Codec = codec }.ForRun(new Dictionary<string, string> { ["pipeline.run_id"] = "bench" });
        var writer = new ParquetTableWriter(new LocalFolderStore(folder), "run", format);
        return writer.WriteAsync(OutputTables.FirmMetrics, rows).GetAwaiter().GetResult().Bytes;
    }

    private static IEnumerable<string> Files(string path) =>
        File.Exists(path) ? [path] : Directory.EnumerateFiles(path, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Reads every column of every row group of every file as the report reads (files in parallel, each read whole into memory and its column chunks decoded in parallel: <see cref="ParquetColumns"/>); returns the row count and a checksum (numbers summed, strings by length, nulls counted).</summary>
    private static (long Rows, double Sum) Read(string path)
    {
        long rows = 0;
        double sum = 0;
        var gate = new object();
        Parallel.ForEachAsync(Files(path), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (file, _) =>
        {
            var (n, s) = await ReadFileAsync(file);
            lock (gate) { rows += n; sum += s; }
        }).GetAwaiter().GetResult();
        return (rows, sum);
    }

    private static async Task<(long Rows, double Sum)> ReadFileAsync(string file)
    {
        ParquetBytes bytes;
        await using (var stream = File.OpenRead(file)) bytes = await ParquetBytes.ReadAsync(stream, stream.Length);
        using (bytes)
        {
            using var table = await ParquetColumns.ReadAsync(bytes, null, Environment.ProcessorCount);
            double sum = 0;
            foreach (var group in table.Columns)
                foreach (var column in group) sum += Checksum(column);
            return (table.Rows, sum);
        }
    }

    /// <summary>A column's checksum: its values summed plus its null count; strings by length.</summary>
    private static double Checksum(ColumnValues data)
    {
        double sum = data.NullCount;                          // a null row holds default (0) among the values
        switch (data)
        {
            case ColumnValues<long> v: foreach (var x in v.Values) sum += x; break;
            case ColumnValues<int> v: foreach (var x in v.Values) sum += x; break;
            case ColumnValues<double> v: foreach (var x in v.Values) sum += x; break;
            case ColumnValues<ReadOnlyMemory<char>> v: foreach (var x in v.Values) sum += x.Length; break;
        }
        return sum;
    }

    /// <summary>Prints one JSON line: wall seconds, process CPU seconds (both cores together) and bytes allocated by the process since <paramref name="since"/>.</summary>
    private static void Report(string op, long rows, Measured since, long bytes, double checksum)
    {
        var (seconds, cpu, allocated) = since.Elapsed();
        Console.WriteLine(JsonSerializer.Serialize(new { tool = "pipeline", op, rows, seconds, cpu, allocated, bytes, checksum }));
    }

    /// <summary>Wall clock, process CPU time and allocated bytes at a starting point.</summary>
    private readonly record struct Measured(long Ticks, TimeSpan Cpu, long Allocated)
    {
        public static Measured Start() => new(Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));

        public (double Seconds, double Cpu, long Allocated) Elapsed() =>
            (Stopwatch.GetElapsedTime(Ticks).TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - Cpu).TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - Allocated);
    }
}
