using System.Diagnostics;
using System.Text.Json;
using Pipeline.Grains.Output;
using Pipeline.Grains.Units;
using Pipeline.Metrics;
using Pipeline.Storage.Azure;

namespace Pipeline.Bench;

/// <summary>
/// Blob transfer speed against a plain file copy on the same disk (bench/blob.sh starts Azurite and prints the table).
/// Generates <c>parts</c> Parquet files of about <c>partMiB</c> each with our writer (firm_metrics-like schema: ids,
/// dictionary-encoded strings, small counts, full-entropy doubles, snappy), then times, over all of them in turn:
/// a kernel file copy (File.Copy), a user-space stream copy (8 MiB buffers), uploads through <see cref="AzureBlobStore"/>
/// (8 MiB blocks × 4 in flight, with and without Content-MD5), and downloads (one streamed Get Blob per part, written
/// to a file). Best of <c>reps</c>; one JSON line per measurement, with the CPU seconds this process and Azurite
/// (<c>AZURITE_PID</c>) spent in that repetition.
/// Usage: Pipeline.Bench blob DATA_DIR PARTS PART_MIB REPS   (AZURE_STORAGE_CONNECTION_STRING names the account)
/// </summary>
public static class BlobBench
{
    public static async Task<int> RunAsync(string dataDir, int parts, int partMiB, int reps)
    {
        var partsDir = Path.Combine(dataDir, "parts");
        var files = GenerateParts(partsDir, parts, (long)partMiB << 20);
        long bytes = files.Sum(f => new FileInfo(f).Length);
        Console.Error.WriteLine($"bench: {files.Count} parts, {bytes / 1e6:N0} MB");
        var scratch = Path.Combine(dataDir, "scratch");

        await Measure("file copy (File.Copy)", bytes, reps, () =>
        {
            Fresh(scratch);
            foreach (var f in files) File.Copy(f, Path.Combine(scratch, Path.GetFileName(f)));
            return Task.FromResult("");
        });
        await Measure("file copy (stream, 8 MiB buffer)", bytes, reps, async () =>
        {
            Fresh(scratch);
            foreach (var f in files)
            {
                await using var src = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                await using var dst = new FileStream(Path.Combine(scratch, Path.GetFileName(f)), FileMode.Create, FileAccess.Write, FileShare.None, 1);
                await src.CopyToAsync(dst, 8 << 20);
            }
            return "";
        });

        var container = "bench" + Guid.NewGuid().ToString("N")[..12];
        foreach (var (label, md5) in new[] { ("upload (8 MiB blocks x4, Content-MD5)", true), ("upload (8 MiB blocks x4, no MD5)", false) })
        {
            await Measure(label, bytes, reps, async () =>
            {
                var store = new AzureBlobStore(container, "parts", new BlobStoreOptions { ComputeContentMd5 = md5 });
                foreach (var f in files)
                {
                    await using var src = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                    await store.WriteAsync(Path.GetFileName(f), src);
                }
                return store.Statistics.ToString();
            });
        }
        await Measure("download (streamed Get Blob to file)", bytes, reps, async () =>
        {
            Fresh(scratch);
            var store = new AzureBlobStore(container, "parts");
            foreach (var f in files)
            {
                await using var src = await store.OpenReadAsync(Path.GetFileName(f));
                await using var dst = new FileStream(Path.Combine(scratch, Path.GetFileName(f)), FileMode.Create, FileAccess.Write, FileShare.None, 1);
                await src.CopyToAsync(dst, 8 << 20);
            }
            return store.Statistics.ToString();
        });
        // The downloaded parts are the uploaded ones, byte for byte.
        foreach (var f in files)
            if (!File.ReadAllBytes(f).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(scratch, Path.GetFileName(f)))))
                throw new InvalidOperationException($"{Path.GetFileName(f)} came back different");
        await new AzureBlobStore(container).DeleteContainerAsync();
        Directory.Delete(scratch, true);
        return 0;
    }

    private static async Task Measure(string operation, long bytes, int reps, Func<Task<string>> run)
    {
        double best = double.MaxValue, clientCpu = 0, serverCpu = 0;
        string detail = "";
        using var self = Process.GetCurrentProcess();
        for (int i = 0; i < reps; i++)
        {
            self.Refresh();
            var cpu0 = self.TotalProcessorTime.TotalSeconds;
            var server0 = AzuriteCpuSeconds();
            var sw = Stopwatch.StartNew();
            detail = await run();
            double seconds = sw.Elapsed.TotalSeconds;
            self.Refresh();
            if (seconds < best)
            {
                best = seconds;
                clientCpu = self.TotalProcessorTime.TotalSeconds - cpu0;
                serverCpu = AzuriteCpuSeconds() - server0;
            }
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            operation, bytes, seconds = best, mb_per_s = bytes / 1e6 / best, client_cpu_s = clientCpu, azurite_cpu_s = serverCpu, detail,
        }));
    }

    /// <summary>User + system CPU seconds of the Azurite process (AZURITE_PID, set by bench/blob.sh), 0 if unknown.</summary>
    private static double AzuriteCpuSeconds()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("AZURITE_PID"), out int pid)) return 0;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0; // utime, stime in clock ticks (USER_HZ = 100)
        }
        catch (IOException) { return 0; }
    }

    private static void Fresh(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        Directory.CreateDirectory(dir);
    }

    /// <summary>Writes (or reuses) the parts: rows per part calibrated from the first part to reach about <paramref name="partBytes"/>.</summary>
    private static List<string> GenerateParts(string dir, int parts, long partBytes)
    {
        Directory.CreateDirectory(dir);
        var files = Enumerable.Range(0, parts).Select(i => Path.Combine(dir, $"part-{i:D5}.parquet")).ToList();
        if (files.All(f => File.Exists(f) && Math.Abs(new FileInfo(f).Length - partBytes) < partBytes / 5)) return files;
        long rows = 1_000_000;
        for (int i = 0; i < parts; i++)
        {
            WritePart(files[i], rows, 20261122 + i);
            if (i == 0) { rows = (long)(rows * (double)partBytes / new FileInfo(files[0]).Length); WritePart(files[0], rows, 20261122); }
        }
        return files;
    }

    private static readonly string[] Provinces = ["Zhejiang", "Guangdong", "Jiangsu", "Fujian", "Shandong", "Hebei", "Henan", "Sichuan"];

    /// <summary>One part of random firm_metrics-like rows, written with the product's table definition and Parquet.Net writer (Snappy).</summary>
    private static void WritePart(string path, long rows, int seed)
    {
        var random = new Random(seed);
        var clusters = Enumerable.Range(0, 3000).Select(i => $"CL-{i:D5}").ToArray();
        long firm = (long)seed * 10_000_000;
        var table = new FirmMetricsRow[rows];
        for (long r = 0; r < rows; r++)
        {
            int degree = (int)Math.Min(5000, Math.Exp(random.NextDouble() * 4));
            double Ratio(bool nullable) => nullable && degree == 1 ? double.NaN : random.NextDouble();
            long Count() => random.Next(0, degree * degree + 1);
            table[r] = new FirmMetricsRow(
                new FirmClusterMetrics(firm + r, clusters[random.Next(clusters.Length)], Provinces[random.Next(Provinces.Length)], degree,
                    degree * (1 + random.NextDouble() * 8), Ratio(false), Ratio(false), Ratio(true), Ratio(true), Ratio(true)),
                new FirmSupplyMetrics(firm + r, Ratio(false), Ratio(false), Ratio(false), Ratio(false), new BrokerageCounts(Count(), Count(), Count(), Count(), Count())));
        }
        var positions = Enumerable.Range(0, table.Length).ToArray();
        using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        ParquetPartWriter.WriteAsync(file, OneFile, new OutputOptions().ForRun(new Dictionary<string, string>()), table, positions).GetAwaiter().GetResult();
    }

    /// <summary>firm_metrics with the province in the file (no Hive folders): each generated part is one file.</summary>
    private static readonly OutputTable<FirmMetricsRow> OneFile = new("firm_metrics", OutputTables.FirmMetrics.Columns);
}
