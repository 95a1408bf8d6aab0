using System.Diagnostics;
using Pipeline.Grains.Input.Parquet;

namespace Pipeline.Bench;

/// <summary>
/// How fast a Parquet input is decoded: every row group of every file under a folder (or one file) through
/// <see cref="ParquetTableCursor"/>, as a run reads an input table, without rendering fields (the validators' work is
/// not timed). Wall and process CPU seconds, best of PASSES. Usage: Pipeline.Bench parquet-input DIR_OR_FILE [PASSES]
/// </summary>
public static class ParquetInputProfile
{
    public static int Run(string path, int passes)
    {
        var files = File.Exists(path) ? [path] : Directory.EnumerateFiles(path, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var parts = files.Select(f => new ParquetPart(f, () => File.OpenRead(f))).ToArray();
        for (int pass = 0; pass < passes; pass++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            long rows = 0;
            using (var cursor = new ParquetTableCursor("bench", parts, path))
                while (cursor.MoveNext()) rows++;
            Console.WriteLine($"parquet input: {rows:N0} rows, wall {wall.Elapsed.TotalSeconds:F2} s, cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s");
        }
        return 0;
    }
}
