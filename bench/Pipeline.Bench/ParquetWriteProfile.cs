using System.Diagnostics;
using Parquet;
using Pipeline.Grains.Output;
using Pipeline.Grains.Units;

namespace Pipeline.Bench;

/// <summary>
/// Where a Parquet write spends its time, in process CPU seconds, wall seconds, GC counts and allocated bytes (the
/// machine is shared, so CPU seconds are the number to compare): planning the parts (<see cref="OutputParts.Plan"/>),
/// encoding every part into memory on one thread, the same on every core, and the whole
/// <see cref="ParquetTableWriter"/> write into a local folder (temporary file + store copy included).
/// Usage: Pipeline.Bench parquet-write-profile DIR ROWS [PASSES]
/// </summary>
public static class ParquetWriteProfile
{
    public static int Run(string dir, long rows, int passes)
    {
        var table = ParquetBench.Rows(rows);
        var format = new OutputOptions().ForRun(new Dictionary<string, string> { ["pipeline.run_id"] = "bench" });
        for (int pass = 0; pass < passes; pass++)
        {
            IReadOnlyList<OutputPart> parts = [];
            Measure("plan", () => parts = OutputParts.Plan(OutputTables.FirmMetrics, table, 10_000_000));
            long bytes = 0;
            Measure("encode 1 thread", () =>
            {
                bytes = 0;
                foreach (var part in parts) bytes += Encode(table, part, format);
            }, () => $"{bytes / 1e6:F1} MB in {parts.Count} parts");
            Measure($"encode {Environment.ProcessorCount} threads", () =>
                Parallel.ForEach(parts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, part => Encode(table, part, format)));
            var folder = Path.Combine(dir, "write-profile");
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
            Directory.CreateDirectory(folder);
            Measure("ParquetTableWriter (files)", () =>
                new ParquetTableWriter(new Pipeline.Storage.LocalFolderStore(folder), "run", format).WriteAsync(OutputTables.FirmMetrics, table).GetAwaiter().GetResult());
        }
        return 0;
    }

    private static long Encode(FirmMetricsRow[] rows, OutputPart part, PartFormat format)
    {
        using var ms = new MemoryStream();
        ParquetPartWriter.WriteAsync(ms, OutputTables.FirmMetrics, format, rows, part.Positions).GetAwaiter().GetResult();
        return ms.Length;
    }

    private static void Measure(string what, Action run, Func<string>? note = null)
    {
        int gc0 = GC.CollectionCount(0), gc1 = GC.CollectionCount(1), gc2 = GC.CollectionCount(2);
        long alloc = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        run();
        var spent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"{what,-32} wall {wall.Elapsed.TotalSeconds,6:F2} s  cpu {spent.TotalSeconds,6:F2} s  gc0/1/2 {GC.CollectionCount(0) - gc0}/{GC.CollectionCount(1) - gc1}/{GC.CollectionCount(2) - gc2}  alloc {(GC.GetTotalAllocatedBytes(true) - alloc) / 1e6,7:F0} MB  {note?.Invoke()}");
    }
}
