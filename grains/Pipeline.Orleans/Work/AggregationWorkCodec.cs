using Pipeline.Grains.Model;
using Pipeline.Grains.Output;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;

namespace Pipeline.Orleans.Work;

/// <summary>
/// The <see cref="AggregationWork"/> as a staging file: run id, output location, output options (as the run files'
/// JSON), whether scenario_metrics is written, the clusters in input order (the region index is built again from them, as the partitioning builds it),
/// and the unit output keys.
/// </summary>
public static class AggregationWorkCodec
{
    private const string Magic = "PAGG";
    private const int Version = 1;

    public static byte[] Encode(AggregationWork work)
    {
        var ms = new MemoryStream();
        using (var w = StagingBinary.Writer(ms))
        {
            w.WriteHeader(Magic, Version);
            w.Write(work.Input.RunId);
            w.Write(work.OutputLocation);
            w.Write(System.Text.Encoding.UTF8.GetString(RunJson.Serialize(work.Input.Output)));
            w.Write(work.Input.WritesScenarios);
            w.Write(work.Input.Clusters.Count);
            foreach (var c in work.Input.Clusters) w.WriteCluster(c);
            WriteKeys(w, work.ClusterKeys);
            WriteKeys(w, work.PartitionKeys);
        }
        return ms.ToArray();
    }

    public static AggregationWork Decode(Stream s)
    {
        using var r = StagingBinary.Reader(new BufferedStream(s, 1 << 16));
        r.ReadHeader(Magic, Version, "aggregation input");
        var runId = r.ReadString();
        var location = r.ReadString();
        var output = RunJson.Deserialize<OutputOptions>(System.Text.Encoding.UTF8.GetBytes(r.ReadString()))!;
        bool scenarios = r.ReadBoolean();
        var clusters = new ClusterRecord[r.ReadInt32()];
        for (int c = 0; c < clusters.Length; c++) clusters[c] = r.ReadCluster();
        return new AggregationWork(new AggregationInput(runId, clusters, new RegionIndex(clusters), output, scenarios), location, ReadKeys(r), ReadKeys(r));
    }

    private static void WriteKeys(BinaryWriter w, IReadOnlyList<string> keys)
    {
        w.Write(keys.Count);
        foreach (var k in keys) w.Write(k);
    }

    private static string[] ReadKeys(BinaryReader r)
    {
        var keys = new string[r.ReadInt32()];
        for (int i = 0; i < keys.Length; i++) keys[i] = r.ReadString();
        return keys;
    }
}
