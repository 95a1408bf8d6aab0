using Pipeline.Grains.Model;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Orleans.Work;

/// <summary>
/// The <see cref="CountryIndex"/> that firm partition units read, as one staging file per run. The graphs travel
/// as the very edge lists <see cref="PartitionedInput"/> builds them from (every link in input order: endpoints,
/// weight, supply flag), so a silo's <see cref="UndirectedGraph.FromEdges"/> / <see cref="DirectedGraph.FromEdges"/>
/// produce the same CSR arrays, weight sums in the same order, and the same bits.
/// </summary>
public static class CountryIndexCodec
{
    private const string Magic = "PCTY";
    private const int Version = 1;

    public static byte[] Encode(PartitionedInput input)
    {
        var data = input.Data;
        var index = input.Country;
        var ms = new MemoryStream();
        using (var w = StagingBinary.Writer(ms))
        {
            w.WriteHeader(Magic, Version);
            int n = index.FirmIds.Length;
            w.Write(n);
            for (int i = 0; i < n; i++) { w.Write(index.FirmIds[i]); w.Write(index.ClusterOf[i]); w.Write(index.Foreign[i]); w.Write(index.Group[i]); }
            var links = data.Links;
            w.Write(links.Length);
            foreach (ref readonly var l in links.AsSpan()) { w.Write(l.Source); w.Write(l.Target); w.Write(l.Weight); w.Write(l.Kind.IsSupply()); }
            w.Write(data.Clusters.Length);
            foreach (var c in data.Clusters) w.WriteCluster(c);
            w.Write(index.PartitionFirms.Length);
            foreach (var p in index.PartitionFirms) w.WriteInts(p);
        }
        return ms.ToArray();
    }

    public static CountryIndex Decode(Stream s)
    {
        using var r = StagingBinary.Reader(new BufferedStream(s, 1 << 20));
        r.ReadHeader(Magic, Version, "country index");
        int n = r.ReadInt32();
        var ids = new long[n];
        var clusterOf = new int[n];
        var foreign = new bool[n];
        var group = new int[n];
        for (int i = 0; i < n; i++) { ids[i] = r.ReadInt64(); clusterOf[i] = r.ReadInt32(); foreign[i] = r.ReadBoolean(); group[i] = r.ReadInt32(); }
        int m = r.ReadInt32();
        var src = new int[m];
        var dst = new int[m];
        var wt = new double[m];
        var supply = new bool[m];
        int supplyCount = 0;
        for (int i = 0; i < m; i++)
        {
            src[i] = r.ReadInt32(); dst[i] = r.ReadInt32(); wt[i] = r.ReadDouble();
            if (supply[i] = r.ReadBoolean()) supplyCount++;
        }
        var clusters = new ClusterRecord[r.ReadInt32()];
        for (int c = 0; c < clusters.Length; c++) clusters[c] = r.ReadCluster();
        var partitions = new int[r.ReadInt32()][];
        for (int p = 0; p < partitions.Length; p++) partitions[p] = r.ReadInts();

        var ss = new int[supplyCount];
        var sd = new int[supplyCount];
        var sw = new double[supplyCount];
        for (int i = 0, k = 0; i < m; i++)
        {
            if (!supply[i]) continue;
            ss[k] = src[i]; sd[k] = dst[i]; sw[k] = wt[i]; k++;
        }
        return new CountryIndex
        {
            FirmIds = ids, ClusterOf = clusterOf, Foreign = foreign, Group = group,
            Ties = UndirectedGraph.FromEdges(n, src, dst, wt),
            Supply = DirectedGraph.FromEdges(n, ss, sd, sw),
            Regions = new RegionIndex(clusters),
            PartitionFirms = partitions,
        };
    }
}
