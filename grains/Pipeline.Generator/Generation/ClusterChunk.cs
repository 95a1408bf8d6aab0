using Pipeline.Generator.Clusters;
using Pipeline.Generator.Csv;
using Pipeline.Generator.Firms;
using Pipeline.Generator.Links;

namespace Pipeline.Generator;

/// <summary>One cluster's rows of firms.csv, links.csv and firm_years.csv, generated from the cluster's own random
/// stream (so clusters can be generated in parallel and still be written in order, byte-identical).</summary>
internal sealed class ClusterChunk : IDisposable
{
    private ClusterChunk(int firms) { Firms = new CsvBuffer(firms * 130); Links = new CsvBuffer(firms * 260); Panel = new CsvBuffer(firms * 200); }

    /// <summary>firms.csv rows.</summary>
    public CsvBuffer Firms { get; }

    /// <summary>links.csv rows.</summary>
    public CsvBuffer Links { get; }

    /// <summary>firm_years.csv rows.</summary>
    public CsvBuffer Panel { get; }

    /// <summary>Firms n of the cluster.</summary>
    public long N { get; private set; }

    /// <summary>Edges m of the cluster graph (distinct linked pairs inside the cluster).</summary>
    public long M { get; private set; }

    /// <summary>Generates the cluster <paramref name="plan"/> of the data set seeded with <paramref name="seed"/>.</summary>
    public static ClusterChunk Generate(ClusterPlan plan, DataSetLayout layout, double panelShare, ulong seed)
    {
        var rng = SeededRandom.Derive(seed, (ulong)plan.Index + 1);
        var chunk = new ClusterChunk(plan.Firms);
        var firms = ClusterFirmWriter.Write(plan, panelShare, rng, chunk.Firms, chunk.Panel);
        var (rows, edges) = ClusterLinkBuilder.Write(plan, firms, rng, chunk.Links);
        OutwardLinks.Write(plan, firms, rows, layout, rng, chunk.Links);
        chunk.N = plan.Firms;
        chunk.M = edges;
        return chunk;
    }

    /// <summary>Returns the buffers to the pool.</summary>
    public void Dispose() { Firms.Dispose(); Links.Dispose(); Panel.Dispose(); }
}
