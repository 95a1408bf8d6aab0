namespace Pipeline.Metrics.Graphs;

/// <summary>
/// Builds compressed-sparse-row adjacency from an edge list: a counting pass, a fill pass, then each row sorted
/// by target and duplicates merged by summing their weights. O(E log d) time, O(N + E) memory, no per-edge allocation.
/// The targets and weights arrays are not trimmed after merging (a trimming copy of a country-wide graph is 1.4 GB at
/// the partition stage's peak): the row entries are the first Offsets[N] of them.
/// </summary>
internal static class CsrBuilder
{
    /// <summary>
    /// Rows for <paramref name="nodeCount"/> nodes from (row, target, weight) triples; with <paramref name="symmetric"/>
    /// every edge is also entered in the target's row. Self-loops are dropped.
    /// </summary>
    public static (int[] Offsets, int[] Targets, double[] Weights) Build(int nodeCount, ReadOnlySpan<int> source, ReadOnlySpan<int> target, ReadOnlySpan<double> weight, bool symmetric)
    {
        if (source.Length != target.Length || source.Length != weight.Length)
            throw new ArgumentException("source, target and weight must have the same length.");
        return Build(nodeCount, new SpanEdges(source, target, weight), symmetric);
    }

    /// <summary>The same from an <see cref="IEdgeList"/> read in place (edges it leaves out are skipped).</summary>
    public static (int[] Offsets, int[] Targets, double[] Weights) Build<TEdges>(int nodeCount, TEdges edges, bool symmetric)
        where TEdges : IEdgeList, allows ref struct
    {
        var counts = new int[nodeCount + 1];
        for (int e = 0; e < edges.Count; e++)
        {
            if (!edges.TryGet(e, out int u, out int v, out _)) continue;
            if ((uint)u >= (uint)nodeCount || (uint)v >= (uint)nodeCount)
                throw new ArgumentOutOfRangeException(nameof(edges), $"Edge {e} ({u}, {v}) names a node outside 0..{nodeCount - 1}.");
            if (u == v) continue;
            counts[u + 1]++;
            if (symmetric) counts[v + 1]++;
        }
        for (int i = 0; i < nodeCount; i++) counts[i + 1] += counts[i];
        var targets = new int[counts[nodeCount]];
        var weights = new double[counts[nodeCount]];
        var fill = (int[])counts.Clone();
        for (int e = 0; e < edges.Count; e++)
        {
            if (!edges.TryGet(e, out int u, out int v, out double w) || u == v) continue;
            int p = fill[u]++;
            targets[p] = v; weights[p] = w;
            if (symmetric)
            {
                p = fill[v]++;
                targets[p] = u; weights[p] = w;
            }
        }
        return MergeRows(nodeCount, counts, targets, weights);
    }

    /// <summary>Sorts each row by target and sums the weights of repeated targets, compacting in place (no trimming copy).</summary>
    private static (int[], int[], double[]) MergeRows(int nodeCount, int[] offsets, int[] targets, double[] weights)
    {
        int write = 0;
        var merged = new int[nodeCount + 1];
        for (int i = 0; i < nodeCount; i++)
        {
            int start = offsets[i], end = offsets[i + 1];
            if (end - start > 1) Array.Sort(targets, weights, start, end - start);
            merged[i] = write;
            for (int p = start; p < end; p++)
            {
                if (write > merged[i] && targets[write - 1] == targets[p]) weights[write - 1] += weights[p];
                else { targets[write] = targets[p]; weights[write] = weights[p]; write++; }
            }
        }
        merged[nodeCount] = write;
        return (merged, targets, weights); // entries 0..write−1; duplicates leave unused slack at the end
    }
}
