namespace Pipeline.Metrics.Graphs;

/// <summary>
/// Builds compressed-sparse-row adjacency from an edge list: a counting pass, a fill pass, then each row sorted
/// by target and duplicates merged by summing their weights. O(E log d) time, O(N + E) memory, no per-edge allocation.
/// The targets and weights arrays are not trimmed after merging (a trimming copy of a country-wide graph is 1.4 GB at
/// the partition stage's peak): the row entries are the first Offsets[N] of them. Rows are merged in place, into the
/// counting pass's offsets. With <see cref="GraphBuffers"/> every array is the caller's reusable one (possibly longer
/// than the graph); without, the arrays are the graph's own.
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
        where TEdges : IEdgeList, allows ref struct => Build(nodeCount, edges, symmetric, null);

    /// <summary>
    /// The same into <paramref name="buffers"/> when given (the returned arrays are the buffers' own and may be longer
    /// than the graph: offsets has at least N + 1 entries, targets and weights at least Offsets[N]), else into new arrays.
    /// </summary>
    public static (int[] Offsets, int[] Targets, double[] Weights) Build<TEdges>(int nodeCount, TEdges edges, bool symmetric, GraphBuffers? buffers)
        where TEdges : IEdgeList, allows ref struct
    {
        int[] counts;
        if (buffers is null) counts = new int[nodeCount + 1];
        else { buffers.EnsureNodes(nodeCount); counts = buffers.Offsets; }
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
        int entries = counts[nodeCount];
        int[] targets, fill;
        double[] weights;
        if (buffers is null) { targets = new int[entries]; weights = new double[entries]; fill = (int[])counts.Clone(); }
        else
        {
            buffers.EnsureEntries(entries);
            (targets, weights, fill) = (buffers.Targets, buffers.Weights, buffers.Fill);
            Array.Copy(counts, fill, nodeCount + 1);
        }
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

    /// <summary>
    /// Sorts each row by target and sums the weights of repeated targets, compacting in place (no trimming copy). The
    /// merged offsets overwrite <paramref name="offsets"/>: row i's start is read before merged[i] is written, and its
    /// end (offsets[i + 1]) before merged[i + 1] is.
    /// </summary>
    private static (int[], int[], double[]) MergeRows(int nodeCount, int[] offsets, int[] targets, double[] weights)
    {
        int write = 0;
        var merged = offsets;
        int start = offsets[0];
        for (int i = 0; i < nodeCount; i++)
        {
            int end = offsets[i + 1];
            if (end - start > 1) Array.Sort(targets, weights, start, end - start);
            merged[i] = write;
            for (int p = start; p < end; p++)
            {
                if (write > merged[i] && targets[write - 1] == targets[p]) weights[write - 1] += weights[p];
                else { targets[write] = targets[p]; weights[write] = weights[p]; write++; }
            }
            start = end;
        }
        merged[nodeCount] = write;
        return (merged, targets, weights); // entries 0..write−1; duplicates leave unused slack at the end
    }
}
