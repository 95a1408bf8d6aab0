using System.Diagnostics;
using System.Text.Json;
using Pipeline.Storage.Azure;

namespace Pipeline.Bench;

/// <summary>
/// Blob transfer speed against a plain file copy on the same disk (bench/blob.sh starts Azurite and prints the table).
/// Generates <c>parts</c> files of <c>partMiB</c> pseudo-random bytes each (incompressible, as Snappy Parquet parts are),
/// then times, over all of them in turn: a kernel file copy (File.Copy), a user-space stream copy (8 MiB buffers),
/// uploads through <see cref="AzureBlobStore"/> on the Azure SDK (8 MiB blocks × 4 in flight, with and without MD5
/// transfer validation), downloads through the store (one <c>DownloadStreamingAsync</c> per part, written to a file) and
/// through the SDK's <c>DownloadToAsync</c> (ranges of 8 MiB, 4 in flight). Best of <c>reps</c>; one JSON line per measurement, with the CPU seconds this process and Azurite
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
        foreach (var (label, md5) in new[] { ("upload (SDK, 8 MiB blocks x4, MD5)", true), ("upload (SDK, 8 MiB blocks x4, no MD5)", false) })
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
        await Measure("download (store: DownloadStreaming)", bytes, reps, async () =>
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
        Verify(files, scratch);
        await Measure("download (SDK DownloadTo, 8 MiB x4)", bytes, reps, async () =>
        {
            Fresh(scratch);
            var client = AzureCredentials.ServiceClientFromEnvironment().GetBlobContainerClient(container);
            var transfer = new BlobStoreOptions().TransferOptions;
            foreach (var f in files)
                await client.GetBlobClient("parts/" + Path.GetFileName(f)).DownloadToAsync(Path.Combine(scratch, Path.GetFileName(f)), transferOptions: transfer);
            return "";
        });
        Verify(files, scratch);
        await new AzureBlobStore(container).DeleteContainerAsync();
        Directory.Delete(scratch, true);
        return 0;
    }

    /// <summary>The downloaded parts are the uploaded ones, byte for byte.</summary>
    private static void Verify(List<string> files, string scratch)
    {
        foreach (var f in files)
            if (!File.ReadAllBytes(f).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(scratch, Path.GetFileName(f)))))
                throw new InvalidOperationException($"{Path.GetFileName(f)} came back different");
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

    /// <summary>Writes (or reuses) <paramref name="parts"/> files of <paramref name="partBytes"/> pseudo-random bytes (incompressible, like Snappy-compressed Parquet parts).</summary>
    private static List<string> GenerateParts(string dir, int parts, long partBytes)
    {
        Directory.CreateDirectory(dir);
        var files = Enumerable.Range(0, parts).Select(i => Path.Combine(dir, $"part-{i:D5}.bin")).ToList();
        var buffer = new byte[8 << 20];
        for (int i = 0; i < parts; i++)
        {
            if (File.Exists(files[i]) && new FileInfo(files[i]).Length == partBytes) continue;
            var random = new Random(20261122 + i);
            using var file = new FileStream(files[i], FileMode.Create, FileAccess.Write, FileShare.None, 1);
            for (long written = 0; written < partBytes; written += buffer.Length)
            {
                random.NextBytes(buffer);
                file.Write(buffer, 0, (int)Math.Min(buffer.Length, partBytes - written));
            }
        }
        return files;
    }
}
