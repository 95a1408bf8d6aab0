using System.Diagnostics;
using System.Text.Json;
using Pipeline.Parquet;

namespace Pipeline.Bench;

/// <summary>
/// Writes and reads a <see cref="FirmMetricsShape"/> table with our Parquet library (the pipeline's output defaults:
/// Snappy, dictionary strings and integers, row groups of 1 M rows; columns encoded and decoded in parallel on
/// PARQUET_BENCH_THREADS threads, default every core) and prints JSON lines with rows/s and bytes;
/// bench/parquet.sh runs DuckDB on the same rows in the same run and prints the ratios.
/// Usage: Pipeline.Bench parquet OUT_DIR ROWS [CODEC] | Pipeline.Bench parquet-read FILE
/// </summary>
public static class ParquetBench
{
    private static readonly ParquetSchema Schema = new(
    [
        ParquetColumn.Int64("firm_id"), ParquetColumn.String("cluster_id"), ParquetColumn.String("province", required: false),
        ParquetColumn.Int64("degree"), ParquetColumn.Double("strength"),
        .. FirmMetricsShape.Names[5..14].Select(n => ParquetColumn.Double(n, required: false)),
        .. FirmMetricsShape.Names[14..].Select(n => ParquetColumn.Int64(n)),
    ]);

    private static ParquetCodec _codec = ParquetCodec.Snappy;
    private static readonly int Threads = int.TryParse(Environment.GetEnvironmentVariable("PARQUET_BENCH_THREADS"), out int t) && t > 0 ? t : Environment.ProcessorCount;
    private static readonly bool Detail = Environment.GetEnvironmentVariable("PARQUET_BENCH_DETAIL") == "1";
    private static double _decodeSeconds;

    public static int Run(string outDir, long rows, ParquetCodec codec = ParquetCodec.Snappy)
    {
        _codec = codec;
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, "ours.parquet");
        Generate(Math.Min(rows, 100_000));                      // warm-up (JIT)
        var gen = Stopwatch.StartNew();
        double check = Generate(rows);
        Report("generate", rows, gen.Elapsed.TotalSeconds, 0, check);

        Write(Path.Combine(outDir, "warmup.parquet"), Math.Min(rows, 100_000));
        Read(Path.Combine(outDir, "warmup.parquet"));
        File.Delete(Path.Combine(outDir, "warmup.parquet"));

        var sw = Stopwatch.StartNew();
        Write(path, rows);
        Report("write", rows, sw.Elapsed.TotalSeconds, new FileInfo(path).Length, 0);
        sw.Restart();
        var (n, sum) = Read(path);
        Report("read", n, sw.Elapsed.TotalSeconds, new FileInfo(path).Length, sum);
        return 0;
    }

    /// <summary>Times our reader on another tool's file (bench/parquet.sh: DuckDB's).</summary>
    public static int ReadOther(string path, string op)
    {
        Read(path);                                            // warm-up (JIT, page cache)
        var sw = Stopwatch.StartNew();
        var (n, sum) = Read(path);
        Report(op, n, sw.Elapsed.TotalSeconds, new FileInfo(path).Length, sum);
        return 0;
    }

    private static double Generate(long rows)
    {
        var row = new FirmMetricsShape.Row();
        double sum = 0;
        for (long r = 0; r < rows; r++) { FirmMetricsShape.Fill(r, ref row); sum += row.Strength + row.FirmId; }
        return sum;
    }

    private static void Write(string path, long rows)
    {
        using var w = new ParquetFileWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20), Schema,
            new ParquetWriterOptions { Codec = _codec, RowGroupMaxRows = 1_000_000, MaxDegreeOfParallelism = Threads });
        var row = new FirmMetricsShape.Row();
        for (long r = 0; r < rows; r++)
        {
            FirmMetricsShape.Fill(r, ref row);
            w.WriteInt64(0, row.FirmId);
            w.WriteString(1, row.ClusterId);
            w.WriteString(2, row.Province);
            w.WriteInt64(3, row.Degree);
            w.WriteDouble(4, row.Strength);
            Opt(w, 5, row.Clustering); Opt(w, 6, row.Betweenness); Opt(w, 7, row.Constraint); Opt(w, 8, row.EffectiveSize);
            Opt(w, 9, row.Efficiency); Opt(w, 10, row.External); Opt(w, 11, row.Foreign); Opt(w, 12, row.TopCustomer); Opt(w, 13, row.Hhi);
            w.WriteInt64(14, row.Coordinator); w.WriteInt64(15, row.Itinerant); w.WriteInt64(16, row.Representative);
            w.WriteInt64(17, row.Gatekeeper); w.WriteInt64(18, row.Liaison);
            w.EndRow();
        }
    }

    private static void Opt(ParquetFileWriter w, int c, double v) { if (double.IsNaN(v)) w.WriteNull(c); else w.WriteDouble(c, v); }

    /// <summary>Reads every column of every row group; returns the row count and a checksum over all columns (numbers summed, strings by length, nulls counted).</summary>
    private static (long Rows, double Sum) Read(string path)
    {
        using var reader = ParquetFileReader.Open(path);
        long rows = 0;
        double sum = 0;
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            rows += reader.RowGroupRows(g);
            long t0 = Stopwatch.GetTimestamp();
            var columns = reader.ReadRowGroup(g, maxDegreeOfParallelism: Threads);
            if (Detail) _decodeSeconds += Stopwatch.GetElapsedTime(t0).TotalSeconds;
            // The consumer's work (a checksum per column) runs in parallel too, as DuckDB's aggregates do.
            var partial = new double[columns.Length];
            Parallel.For(0, columns.Length, new ParallelOptions { MaxDegreeOfParallelism = Threads }, c => partial[c] = Checksum(columns[c]));
            foreach (var p in partial) sum += p;
        }
        if (Detail) Console.Error.WriteLine($"  gen0/1/2 collections so far: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, GC pause {GC.GetTotalPauseDuration().TotalSeconds:F3} s");
        if (Detail) Console.Error.WriteLine($"  decoding {_decodeSeconds:F3} s");
        _decodeSeconds = 0;
        return (rows, sum);
    }

    /// <summary>A column's checksum: its values summed (in vector lanes, as an engine's sum aggregate would), plus its null count; strings by length.</summary>
    private static double Checksum(ColumnData data)
    {
        double sum = data.NullCount;
        switch (data.Column.Type)
        {
            case ParquetType.Int64: sum += SumLanes(data.Int64Values); break;     // null rows hold 0
            case ParquetType.Int32: foreach (var v in data.Int32Values) sum += v; break;
            case ParquetType.Double: sum += SumLanes(data.DoubleValues); break;
            case ParquetType.String: foreach (var v in data.StringValues) sum += v?.Length ?? 0; break;
        }
        return sum;
    }

    private static double SumLanes<T>(ReadOnlySpan<T> values) where T : struct, System.Numerics.INumber<T>
    {
        var lanes = System.Numerics.Vector<T>.Zero;
        int i = 0, width = System.Numerics.Vector<T>.Count;
        for (; i <= values.Length - width; i += width) lanes += new System.Numerics.Vector<T>(values[i..]);
        T total = System.Numerics.Vector.Sum(lanes);
        for (; i < values.Length; i++) total += values[i];
        return double.CreateTruncating(total);
    }

    private static void Report(string op, long rows, double seconds, long bytes, double checksum) =>
        Console.WriteLine(JsonSerializer.Serialize(new { tool = "pipeline", op, rows, seconds, bytes, checksum }));
}
