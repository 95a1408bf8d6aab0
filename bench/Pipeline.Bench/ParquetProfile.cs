using System.Diagnostics;
using Parquet;
using Parquet.Schema;
using Pipeline.Grains.ParquetFiles;

namespace Pipeline.Bench;

/// <summary>
/// Where a Parquet read spends its time, single-threaded, in process CPU seconds (the machine is shared, so wall time
/// is noise): every column of every file under a folder decoded by <see cref="ColumnReader"/> ("ours") and by bare
/// <see cref="ParquetRowGroupReader.ReadRawAsync{T}"/> into reused buffers ("raw", Parquet.Net's own cost), from
/// files read into memory. Usage: Pipeline.Bench parquet-profile DIR [PASSES]
/// </summary>
public static class ParquetProfile
{
    public static int Run(string path, int passes)
    {
        var files = Directory.EnumerateFiles(path, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        for (int pass = 0; pass < passes; pass++)
            foreach (var raw in new[] { false, true })
            {
                int gc0 = GC.CollectionCount(0), gc2 = GC.CollectionCount(2);
                long alloc = GC.GetTotalAllocatedBytes();
                var cpu = Cpu();
                var wall = Stopwatch.StartNew();
                foreach (var bytes in files) ReadFile(bytes, raw);
                Console.WriteLine($"{(raw ? "raw " : "ours")}: cpu {Cpu() - cpu:F2} s, wall {wall.Elapsed.TotalSeconds:F2} s, gc0 {GC.CollectionCount(0) - gc0}, gc2 {GC.CollectionCount(2) - gc2}, alloc {(GC.GetTotalAllocatedBytes() - alloc) / 1e6:F0} MB");
            }
        return 0;
    }

    private static void ReadFile(byte[] bytes, bool raw)
    {
        var stream = new MemoryStream(bytes);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        var fields = FlatColumns.Of(reader.Schema);
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            foreach (var field in fields)
            {
                if (!raw) { ColumnReader.ReadAsync(group, stream, field).AsTask().GetAwaiter().GetResult().Dispose(); continue; }
                if (field.ClrType == typeof(long)) Raw<long>(group, field);
                else if (field.ClrType == typeof(double)) Raw<double>(group, field);
                else Raw<ReadOnlyMemory<char>>(group, field);
            }
        }
    }

    private static class Buffers<T> { public static T[] Values = new T[1]; public static int[] Levels = new int[1]; }

    private static void Raw<T>(ParquetRowGroupReader group, DataField field) where T : struct
    {
        int n = (int)group.RowCount;
        if (Buffers<T>.Values.Length < n) { Buffers<T>.Values = new T[n]; Buffers<T>.Levels = new int[n]; }
        group.ReadRawAsync<T>(field, Buffers<T>.Values.AsMemory(0, n), field.MaxDefinitionLevel > 0 ? (Memory<int>?)Buffers<T>.Levels.AsMemory(0, n) : null, null).AsTask().GetAwaiter().GetResult();
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
