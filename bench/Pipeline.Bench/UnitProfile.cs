using System.Diagnostics;
using Pipeline.Grains.Input;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;
using Pipeline.Metrics;
using Pipeline.Metrics.Graphs;
using Pipeline.Storage;

namespace Pipeline.Bench;

/// <summary>
/// Profiles the compute stage of a real data set without running all of it: reads and partitions the input, then
/// times (process CPU time, single-threaded) a stratified sample of cluster units — whole unit and betweenness alone —
/// and a few firm partitions, and extrapolates each size band's total by its Brandes cost (sources × edges).
/// CPU time rather than wall time, so the estimate holds on a busy machine.
/// Usage: Pipeline.Bench units INPUT_DIR [SAMPLES_PER_BAND] [EXACT_MAX_FIRMS]
/// </summary>
public static class UnitProfile
{
    private static readonly int[] BandUpper = [500, 1000, 2000, 5000, 20000, int.MaxValue];

    public static int Run(string inputDir, int samplesPerBand, int? exactMax)
    {
        var wall = Stopwatch.StartNew();
        var read = DatasetReader.ReadAsync(new LocalFolderStore(inputDir)).GetAwaiter().GetResult();
        Console.WriteLine($"read: {wall.Elapsed.TotalSeconds:F1} s wall, {Cpu():F1} s CPU");
        var settings = exactMax is { } e ? new MetricSettings { BetweennessExactMaxFirms = e } : new MetricSettings();
        var t = Stopwatch.StartNew();
        var input = new PartitionedInput(read.Dataset, settings);
        Console.WriteLine($"partition: {t.Elapsed.TotalSeconds:F1} s wall; GC heap {GC.GetTotalMemory(false) / 1e9:F2} GB");

        var units = input.Plan.OfType<ClusterUnit>().ToList();
        Console.WriteLine("band        clusters  firms       cost(src·m)  sampled  unit CPU s (extrapolated)  betweenness share");
        double totalCpu = 0;
        for (int b = 0; b < BandUpper.Length; b++)
        {
            int lo = b == 0 ? 0 : BandUpper[b - 1];
            var band = units.Where(u => u.Firms > lo && u.Firms <= BandUpper[b]).OrderBy(u => u.ClusterId, StringComparer.Ordinal).ToList();
            if (band.Count == 0) continue;
            var sample = band.Where((_, i) => i % Math.Max(1, band.Count / samplesPerBand) == 0).Take(samplesPerBand).ToList();
            double sampleCost = 0, unitCpu = 0, btwCpu = 0;
            foreach (var u in sample)
            {
                var ci = input.ClusterInput(u.Cluster);
                double c0 = Cpu();
                ClusterComputation.Compute(ci, input.Context);
                double c1 = Cpu();
                var g = Graph(ci);
                var m = ClusterComputation.ChooseBetweenness(u.ClusterId, u.Firms, settings);
                double c2 = Cpu();
                if (m.Exact) Betweenness.Exact(g); else Betweenness.Estimate(g, m.Pivots, m.Seed);
                double c3 = Cpu();
                unitCpu += c1 - c0; btwCpu += c3 - c2; sampleCost += u.Cost;
            }
            double bandCost = band.Sum(u => u.Cost);
            double extrapolated = unitCpu * bandCost / sampleCost;
            totalCpu += extrapolated;
            Console.WriteLine($"≤{(BandUpper[b] == int.MaxValue ? "max" : BandUpper[b].ToString()),-9} {band.Count,8}  {band.Sum(u => (long)u.Firms),10:N0}  {bandCost,12:E2}  {sample.Count,7}  {extrapolated,10:F1}                 {btwCpu / unitCpu,6:P0}");
        }
        var parts = input.Plan.OfType<FirmPartitionUnit>().ToList();
        double pc0 = Cpu();
        int ps = Math.Min(3, parts.Count);
        for (int i = 0; i < ps; i++) FirmPartitionComputation.Compute(parts[i].Partition, input.Country);
        double partCpu = (Cpu() - pc0) / ps * parts.Count;
        Console.WriteLine($"firm partitions: {parts.Count} × {(partCpu / parts.Count):F2} s = {partCpu:F1} s CPU");
        Console.WriteLine($"compute total ≈ {totalCpu + partCpu:F0} s CPU ≈ {(totalCpu + partCpu) / Environment.ProcessorCount:F0} s wall on {Environment.ProcessorCount} cores");
        return 0;
    }

    private static UndirectedGraph Graph(ClusterUnitInput ci)
    {
        var links = ci.Links.Span;
        int k = links.Length;
        var s = new int[k]; var d = new int[k]; var w = new double[k];
        for (int i = 0; i < k; i++) { s[i] = links[i].Source; d[i] = links[i].Target; w[i] = links[i].Weight; }
        return UndirectedGraph.FromEdges(ci.Firms.Length, s, d, w);
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
