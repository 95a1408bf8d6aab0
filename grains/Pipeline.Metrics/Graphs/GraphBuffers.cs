namespace Pipeline.Metrics.Graphs;

/// <summary>
/// Reusable arrays a graph is built into (<see cref="UndirectedGraph.FromEdges{TEdges}(int, TEdges, GraphBuffers)"/>):
/// the row offsets, the fill cursors of the build, the row entries (targets, weights) and the node strengths. They grow
/// to the largest graph built into them (×1.25 headroom) and are never shrunk, so a worker that builds one cluster
/// graph after another allocates its graph memory once instead of once per unit (and none of it lands on the
/// large-object heap per unit, whatever <c>System.GC.LOHThreshold</c> says).
/// </summary>
/// <remarks>
/// Ownership: the caller owns the buffers and decides their lifetime — typically one instance per worker thread
/// and purpose. A graph built into them is valid until the next build into the same buffers, so a caller that needs
/// two graphs at once (a cluster graph and a rebuilt what-if graph) uses two instances, and nothing that outlives the
/// caller's use may keep the graph. Not thread-safe. Contents are stale between builds: the build writes before it reads.
/// </remarks>
public sealed class GraphBuffers
{
    internal int[] Offsets = [], Fill = [], Targets = [];
    internal double[] Weights = [], Strength = [];

    /// <summary>Room for <paramref name="nodes"/> nodes (offsets, fill cursors, strengths); the offsets come back cleared.</summary>
    internal void EnsureNodes(int nodes)
    {
        if (Offsets.Length < nodes + 1)
        {
            int size = BufferGrowth.Size(nodes + 1);
            (Offsets, Fill, Strength) = (new int[size], new int[size], new double[size]);
        }
        Array.Clear(Offsets, 0, nodes + 1);
    }

    /// <summary>Room for <paramref name="entries"/> row entries (targets, weights); stale contents.</summary>
    internal void EnsureEntries(int entries)
    {
        if (Targets.Length < entries)
        {
            int size = BufferGrowth.Size(entries);
            (Targets, Weights) = (new int[size], new double[size]);
        }
    }
}
