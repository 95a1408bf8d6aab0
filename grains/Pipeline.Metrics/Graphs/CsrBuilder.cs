namespace Pipeline.Metrics.Graphs;

/// <summary>
/// Builds compressed-sparse-row adjacency from an edge list: a counting pass, a fill pass, then each row sorted
/// by target and duplicates merged by summing their weights. O(E log d) time, O(N + E) memory, no per-edge allocation.
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
        var counts = new int[nodeCount + 1];
        for (int e = 0; e < source.Length; e++)
        {
            int u = source[e], v = target[e];
            if ((uint)u >= (uint)nodeCount || (uint)v >= (uint)nodeCount)
                throw new ArgumentOutOfRangeException(nameof(source), $"Edge {e} ({u}, {v}) names a node outside 0..{nodeCount - 1}.");
            if (u == v) continue;
            counts[u + 1]++;
            if (symmetric) counts[v + 1]++;
        }
        for (int i = 0; i < nodeCount; i++) counts[i + 1] += counts[i];
        var targets = new int[counts[nodeCount]];
        var weights = new double[counts[nodeCount]];
        var fill = (int[])counts.Clone();
        for (int e = 0; e < source.Length; e++)
        {
            int u = source[e], v = target[e];
            if (u == v) continue;
            int p = fill[u]++;
            targets[p] = v; weights[p] = weight[e];
            if (symmetric)
            {
                p = fill[v]++;
                targets[p] = u; weights[p] = weight[e];
            }
        }
        return MergeRows(nodeCount, counts, targets, weights);
    }

    /// <summary>Sorts each row by target and sums the weights of repeated targets, compacting in place.</summary>
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
        if (write != targets.Length)
        {
            Array.Resize(ref targets, write);
            Array.Resize(ref weights, write);
        }
        return (merged, targets, weights);
    }
}
