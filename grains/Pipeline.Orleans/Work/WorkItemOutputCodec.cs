using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Grains.Scenarios;
using Pipeline.Grains.Units;
using Pipeline.Metrics;

namespace Pipeline.Orleans.Work;

/// <summary>A work item's results: each unit's output, keyed by unit id.</summary>
public sealed record WorkItemOutput(IReadOnlyList<(string UnitId, ClusterUnitOutput Output)> Clusters, IReadOnlyList<(string UnitId, FirmPartitionOutput Output)> Partitions);

/// <summary>
/// A work item's output file (<c>out/ITEM.bin</c>): every unit's output in the item's order. Firm rows are binary
/// (doubles as IEEE bits); the cluster_metrics row is JSON with NaN literals (.NET writes the shortest string that
/// round-trips a double exactly). A unit's scenario time is telemetry and is not stored (the bytes would differ per execution). Dictionaries keep their enumeration order, so aggregation sums in the same
/// order as in-process. Deterministic: re-executing an item writes identical bytes.
/// </summary>
public static class WorkItemOutputCodec
{
    private const string Magic = "PWOU";
    private const int Version = 2;
    private static readonly JsonSerializerOptions RowJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static byte[] Encode(WorkItemOutput output)
    {
        var ms = new MemoryStream();
        using (var w = StagingBinary.Writer(ms))
        {
            w.WriteHeader(Magic, Version);
            w.Write(output.Clusters.Count);
            foreach (var (id, o) in output.Clusters)
            {
                w.Write(id);
                w.Write(o.Firms.Length);
                foreach (var f in o.Firms)
                {
                    w.Write(f.FirmId); w.Write(f.ClusterId); w.Write(f.Province); w.Write(f.Degree); w.Write(f.Strength); w.Write(f.Clustering);
                    w.Write(f.Betweenness); w.Write(f.Constraint); w.Write(f.EffectiveSize); w.Write(f.Efficiency);
                }
                w.Write(JsonSerializer.Serialize(o.Row, RowJson));
                var comp = o.Composition;
                w.Write(comp.EmploymentByIndustry.Count);
                foreach (var (code, e) in comp.EmploymentByIndustry) { w.Write(code); w.Write(e); }
                w.Write(comp.StagedRevenue); w.Write(comp.LowEndRevenue); w.Write(comp.HighValueRevenue);
                w.Write(o.Betweenness.Exact); w.Write(o.Betweenness.Pivots); w.Write(o.Betweenness.Seed);
                w.Write(o.Scenarios.Length);
                foreach (var x in o.Scenarios)
                {
                    w.Write(x.ClusterId); w.Write(x.Scenario); w.Write(x.RemovedFirmId.HasValue); w.Write(x.RemovedFirmId ?? 0);
                    w.Write(x.FirmsAfter); w.Write(x.ComponentsAfter); w.Write(x.LargestComponentShareAfter); w.Write(x.AvgClusteringAfter);
                    w.Write(x.DensityAfter); w.Write(x.IsolatedFirms); w.Write(x.FirmsLosingHalfSales); w.Write(x.EmployeesExposed);
                    w.Write(x.RevenueAtRisk); w.Write(x.DeltaLargestComponentShare); w.Write(x.DeltaAvgClustering);
                }
            }
            w.Write(output.Partitions.Count);
            foreach (var (id, p) in output.Partitions)
            {
                w.Write(id);
                w.Write(p.Partition);
                w.Write(p.Firms.Length);
                foreach (var f in p.Firms)
                {
                    w.Write(f.FirmId); w.Write(f.ExternalTieShare); w.Write(f.ForeignTieShare); w.Write(f.TopCustomerShare); w.Write(f.CustomerHhi);
                    var b = f.Brokerage;
                    w.Write(b.Coordinator); w.Write(b.Itinerant); w.Write(b.Representative); w.Write(b.Gatekeeper); w.Write(b.Liaison);
                }
                WriteDoubles(w, p.Openness.Total); WriteDoubles(w, p.Openness.Open); WriteDoubles(w, p.Openness.ForeignOpen);
            }
        }
        return ms.ToArray();
    }

    public static WorkItemOutput Decode(Stream s)
    {
        using var r = StagingBinary.Reader(new BufferedStream(s, 1 << 16));
        r.ReadHeader(Magic, Version, "work item output");
        var clusters = new List<(string, ClusterUnitOutput)>();
        int nc = r.ReadInt32();
        for (int c = 0; c < nc; c++)
        {
            var id = r.ReadString();
            var firms = new FirmClusterMetrics[r.ReadInt32()];
            for (int i = 0; i < firms.Length; i++)
                firms[i] = new FirmClusterMetrics(r.ReadInt64(), r.ReadString(), r.ReadString(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble(),
                    r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
            var row = JsonSerializer.Deserialize<ClusterMetricsRow>(r.ReadString(), RowJson)
                ?? throw new InvalidDataException($"Unit {id}: empty cluster_metrics row.");
            var comp = new ClusterComposition();
            int k = r.ReadInt32();
            for (int i = 0; i < k; i++) comp.EmploymentByIndustry.Add(r.ReadString(), r.ReadDouble());
            comp.StagedRevenue = r.ReadDouble(); comp.LowEndRevenue = r.ReadDouble(); comp.HighValueRevenue = r.ReadDouble();
            var method = new BetweennessMethod(r.ReadBoolean(), r.ReadInt32(), r.ReadUInt64());
            var scenarios = new ScenarioMetricsRow[r.ReadInt32()];
            for (int i = 0; i < scenarios.Length; i++)
                scenarios[i] = new ScenarioMetricsRow
                {
                    ClusterId = r.ReadString(), Scenario = r.ReadString(), RemovedFirmId = ReadOptionalId(r),
                    FirmsAfter = r.ReadInt64(), ComponentsAfter = r.ReadInt64(), LargestComponentShareAfter = r.ReadDouble(), AvgClusteringAfter = r.ReadDouble(),
                    DensityAfter = r.ReadDouble(), IsolatedFirms = r.ReadInt64(), FirmsLosingHalfSales = r.ReadInt64(), EmployeesExposed = r.ReadInt64(),
                    RevenueAtRisk = r.ReadDouble(), DeltaLargestComponentShare = r.ReadDouble(), DeltaAvgClustering = r.ReadDouble(),
                };
            clusters.Add((id, new ClusterUnitOutput(firms, row, comp, method) { Scenarios = scenarios }));
        }
        var partitions = new List<(string, FirmPartitionOutput)>();
        int np = r.ReadInt32();
        for (int p = 0; p < np; p++)
        {
            var id = r.ReadString();
            int partition = r.ReadInt32();
            var firms = new FirmSupplyMetrics[r.ReadInt32()];
            for (int i = 0; i < firms.Length; i++)
                firms[i] = new FirmSupplyMetrics(r.ReadInt64(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(),
                    new BrokerageCounts(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64()));
            var total = ReadDoubles(r);
            var openness = new RegionOpenness(total.Length);
            total.CopyTo(openness.Total, 0);
            ReadDoubles(r).CopyTo(openness.Open, 0);
            ReadDoubles(r).CopyTo(openness.ForeignOpen, 0);
            partitions.Add((id, new FirmPartitionOutput(partition, firms, openness)));
        }
        return new WorkItemOutput(clusters, partitions);
    }

    /// <summary>A presence flag, then the value (0 when absent).</summary>
    private static long? ReadOptionalId(BinaryReader r)
    {
        bool present = r.ReadBoolean();
        long value = r.ReadInt64();
        return present ? value : null;
    }

    private static void WriteDoubles(BinaryWriter w, double[] a)
    {
        w.Write(a.Length);
        foreach (var x in a) w.Write(x);
    }

    private static double[] ReadDoubles(BinaryReader r)
    {
        var a = new double[r.ReadInt32()];
        for (int i = 0; i < a.Length; i++) a[i] = r.ReadDouble();
        return a;
    }
}
