using Pipeline.Grains.Model;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;

namespace Pipeline.Orleans.Work;

/// <summary>One unit of a work item's input: a cluster unit with its materialised input, or a firm partition by number.</summary>
public abstract record StagedUnit(string UnitId);
public sealed record StagedCluster(string UnitId, ClusterUnitInput Input) : StagedUnit(UnitId);
public sealed record StagedPartition(string UnitId, int Partition) : StagedUnit(UnitId);

/// <summary>
/// A work item's input file (<c>in/ITEM.bin</c>): its units in plan order, each cluster unit with its firms,
/// internal links, boundary sums and panel sums; firm partitions by number (they read the run's country index).
/// The encoding is a pure function of the input, so staging it again writes identical bytes.
/// </summary>
public static class WorkItemInputCodec
{
    private const string Magic = "PWIN";
    private const int Version = 2;

    public static byte[] Encode(PartitionedInput input, IReadOnlyList<UnitOfWork> units)
    {
        var ms = new MemoryStream();
        using (var w = StagingBinary.Writer(ms))
        {
            w.WriteHeader(Magic, Version);
            w.Write(units.Count);
            foreach (var u in units)
            {
                w.Write(u.UnitId);
                switch (u)
                {
                    case ClusterUnit c:
                        w.Write((byte)1);
                        WriteCluster(w, input.ClusterInput(c.Cluster));
                        break;
                    case FirmPartitionUnit p:
                        w.Write((byte)2);
                        w.Write(p.Partition);
                        break;
                    default: throw new NotSupportedException($"Unit {u.UnitId} of type {u.GetType().Name} cannot be staged.");
                }
            }
        }
        return ms.ToArray();
    }

    /// <summary>One cluster unit as a work input file of its own.</summary>
    public static byte[] EncodeCluster(string unitId, ClusterUnitInput input)
    {
        var ms = new MemoryStream();
        WriteClusterItem(ms, unitId, input);
        return ms.ToArray();
    }

    /// <summary>Writes one cluster unit as a work input file to <paramref name="stream"/> (also used to hash it).</summary>
    public static void WriteClusterItem(Stream stream, string unitId, ClusterUnitInput input)
    {
        using var w = StagingBinary.Writer(stream);
        w.WriteHeader(Magic, Version);
        w.Write(1);
        w.Write(unitId);
        w.Write((byte)1);
        WriteCluster(w, input);
    }

    public static List<StagedUnit> Decode(Stream s)
    {
        using var r = StagingBinary.Reader(new BufferedStream(s, 1 << 16));
        r.ReadHeader(Magic, Version, "work item input");
        int count = r.ReadInt32();
        var units = new List<StagedUnit>(count);
        for (int i = 0; i < count; i++)
        {
            var id = r.ReadString();
            units.Add(r.ReadByte() switch
            {
                1 => new StagedCluster(id, ReadCluster(r)),
                2 => new StagedPartition(id, r.ReadInt32()),
                var k => throw new InvalidDataException($"Unknown unit kind {k} in a work item input."),
            });
        }
        return units;
    }

    private static void WriteCluster(BinaryWriter w, ClusterUnitInput c)
    {
        var k = c.Cluster;
        w.Write(k.ClusterId); w.Write(k.Name); w.Write(k.Province); w.Write(k.Prefecture); w.Write(k.County); w.Write(k.MainProduct); w.Write((byte)k.Type);
        w.Write(c.Firms.Length);
        foreach (var f in c.Firms.Span)
        {
            w.Write(f.FirmId); w.WriteNullable(f.Province); w.Write(f.Employees); w.Write(f.Revenue); w.Write(f.ExportRevenue);
            w.WriteNullable(f.IndustryCode); w.Write((byte)f.Stage); w.Write(f.FoundedYear); w.Write(f.Foreign);
        }
        w.Write(c.Links.Length);
        foreach (var l in c.Links.Span) { w.Write(l.Source); w.Write(l.Target); w.Write(l.Weight); w.Write((byte)l.Kind); }
        w.Write(c.BoundaryWeight); w.Write(c.BoundaryForeignWeight); w.Write(c.BoundarySupplyInWeight);
        w.WriteYearSums(c.EmploymentByYear);
        w.Write(c.OutsideSales.Length);
        foreach (var o in c.OutsideSales.Span) { w.Write(o.Seller); w.Write(o.Buyer); w.Write(o.Weight); w.Write(o.Foreign); }
    }

    private static ClusterUnitInput ReadCluster(BinaryReader r)
    {
        var cluster = new ClusterRecord(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), (ClusterType)r.ReadByte());
        var firms = new ClusterFirm[r.ReadInt32()];
        for (int i = 0; i < firms.Length; i++)
            firms[i] = new ClusterFirm(r.ReadInt64(), r.ReadNullable(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble(), r.ReadNullable(), (Stage)r.ReadByte(), r.ReadInt32(), r.ReadBoolean());
        var links = new ClusterLink[r.ReadInt32()];
        for (int i = 0; i < links.Length; i++) links[i] = new ClusterLink(r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), (LinkKind)r.ReadByte());
        double boundary = r.ReadDouble(), boundaryForeign = r.ReadDouble(), boundarySupplyIn = r.ReadDouble();
        var employment = r.ReadYearSums();
        var sales = new OutsideSale[r.ReadInt32()];
        for (int i = 0; i < sales.Length; i++) sales[i] = new OutsideSale(r.ReadInt32(), r.ReadInt64(), r.ReadDouble(), r.ReadBoolean());
        return new ClusterUnitInput
        {
            Cluster = cluster, Firms = firms, Links = links,
            BoundaryWeight = boundary, BoundaryForeignWeight = boundaryForeign, BoundarySupplyInWeight = boundarySupplyIn,
            EmploymentByYear = employment, OutsideSales = sales,
        };
    }
}
