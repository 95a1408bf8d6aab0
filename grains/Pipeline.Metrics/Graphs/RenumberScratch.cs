namespace Pipeline.Metrics.Graphs;

/// <summary>
/// A unit worker's arrays for <see cref="UndirectedGraph.RenumberedByBfs"/>: the BFS order and the renumbered copy
/// of the graph (offsets, targets, weights, strengths) live in per-thread arrays that grow to the largest cluster a
/// worker has seen and are reused by every later unit, so the copy costs no allocation per unit (and no
/// large-object-heap churn whatever <c>System.GC.LOHThreshold</c> says). A renumbered graph is valid until the same
/// thread renumbers another graph. Contents are stale: users write before they read (<see cref="Seen"/> is cleared).
/// </summary>
internal sealed class RenumberScratch
{
    [ThreadStatic] private static RenumberScratch? t_cached;

    public long[] Keys = [];
    public int[] ByDegree = [], Order = [], Rank = [], Offsets = [], Targets = [];
    public bool[] Seen = [];
    public double[] Weights = [], Strength = [];

    /// <summary>This thread's scratch, grown to <paramref name="nodes"/> nodes and <paramref name="entries"/> row entries.</summary>
    public static RenumberScratch ForCurrentThread(int nodes, int entries)
    {
        var s = t_cached ??= new RenumberScratch();
        if (s.Order.Length < nodes)
        {
            int size = BufferGrowth.Size(nodes);
            (s.Keys, s.ByDegree, s.Order, s.Rank, s.Seen, s.Strength) = (new long[size], new int[size], new int[size], new int[size], new bool[size], new double[size]);
            s.Offsets = new int[size + 1];
        }
        if (s.Targets.Length < entries)
        {
            int size = BufferGrowth.Size(entries);
            (s.Targets, s.Weights) = (new int[size], new double[size]);
        }
        Array.Clear(s.Seen, 0, nodes);
        return s;
    }
}
