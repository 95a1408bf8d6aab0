using System.Diagnostics;

namespace Pipeline.Grains.Telemetry;

/// <summary>
/// A one-line memory snapshot for profiling a run by stage: the process's resident set, its peak so far, and the GC's
/// view (live heap after the last GC, committed bytes, fragmentation). Logged after each stage when
/// <c>PIPELINE_TRACE_MEMORY=1</c>; costs nothing otherwise.
/// </summary>
public static class MemoryTrace
{
    /// <summary>Whether <c>PIPELINE_TRACE_MEMORY=1</c> asks for the snapshots.</summary>
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("PIPELINE_TRACE_MEMORY") == "1";

    /// <summary>"memory after WHAT: rss … GiB (peak …), heap … GiB, committed … GiB, fragmented … GiB".</summary>
    public static string Snapshot(string what)
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo(GCKind.Any);
        return $"memory after {what}: rss {Gib(process.WorkingSet64)} GiB (peak {Gib(process.PeakWorkingSet64)}), heap {Gib(gc.HeapSizeBytes)} GiB, " +
            $"committed {Gib(gc.TotalCommittedBytes)} GiB, fragmented {Gib(gc.FragmentedBytes)} GiB, total allocated {Gib(GC.GetTotalAllocatedBytes())} GiB";
    }

    private static string Gib(long bytes) => (bytes / (double)(1L << 30)).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
}
