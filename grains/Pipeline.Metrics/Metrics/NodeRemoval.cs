using System.Buffers;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>The structure of a graph after some nodes left: what the scenario columns report (NaN for null).</summary>
public readonly record struct StructureAfter(int Nodes, long Edges, int Components, int LargestComponent, double AverageClustering, int Isolated)
{
    /// <summary>Largest component / nodes; NaN when no node remains.</summary>
    public double LargestComponentShare => Nodes == 0 ? double.NaN : (double)LargestComponent / Nodes;

    /// <summary>2E / (n(n−1)); NaN when fewer than two nodes remain.</summary>
    public double Density => Nodes < 2 ? double.NaN : 2.0 * Edges / ((double)Nodes * (Nodes - 1));
}

/// <summary>
/// The graph without one node x and its edges, measured without rebuilding it (the what-if of a firm leaving its
/// cluster). References: <c>G.remove_node(x)</c> then <c>networkx.number_connected_components</c>,
/// <c>networkx.average_clustering</c>, <c>networkx.density</c>.
/// <list type="bullet">
/// <item>Edges: E' = E − d_x.</item>
/// <item>Clustering: only x's neighbours change. For u ∈ N(x): T'(u) = T(u) − |N(u) ∩ N(x)| (the triangles through
/// the edge {u, x}) and d'(u) = d(u) − 1, so c'_u = 2T'(u) / (d'(u)(d'(u) − 1)), 0 when d'(u) &lt; 2; every other node
/// keeps c_v. The common neighbours are counted through a mark on N(x): O(Σ_{u∈N(x)} d_u) ≤ O(m).</item>
/// <item>Components: one breadth-first search over the nodes other than x, O(n + m).</item>
/// <item>Isolated: neighbours of x whose only neighbour was x (degree 1 before, 0 after).</item>
/// </list>
/// No allocation beyond pooled buffers; the average sums the coefficients in node order like NetworkX.
/// </summary>
public static class NodeRemoval
{
    /// <summary>The structure of <paramref name="g"/> without node <paramref name="x"/>, given every node's triangle count <paramref name="triangles"/>.</summary>
    public static StructureAfter Without(UndirectedGraph g, ReadOnlySpan<long> triangles, int x)
    {
        int n = g.NodeCount;
        if ((uint)x >= (uint)n) throw new ArgumentOutOfRangeException(nameof(x));
        var offsets = g.Offsets;
        var targets = g.Targets;
        var common = ArrayPool<int>.Shared.Rent(n);   // −1: not a neighbour of x; else |N(u) ∩ N(x)|
        var queue = ArrayPool<int>.Shared.Rent(n);
        var seen = ArrayPool<bool>.Shared.Rent(n);
        try
        {
            Array.Fill(common, -1, 0, n);
            var nx = g.Neighbors(x);
            foreach (var u in nx) common[u] = 0;
            int isolated = 0;
            foreach (var u in nx)
            {
                int c = 0;
                for (int p = offsets[u], end = offsets[u + 1]; p < end; p++) if (common[targets[p]] >= 0) c++;
                common[u] = c;
                if (offsets[u + 1] - offsets[u] == 1) isolated++;
            }

            double sum = 0;
            for (int v = 0; v < n; v++)
            {
                if (v == x) continue;
                long d = offsets[v + 1] - offsets[v], t = triangles[v];
                if (common[v] >= 0) { d--; t -= common[v]; }
                if (d >= 2) sum += (double)(2 * t) / (double)(d * (d - 1));
            }

            Array.Clear(seen, 0, n);
            seen[x] = true;
            int components = 0, largest = 0;
            for (int root = 0; root < n; root++)
            {
                if (seen[root]) continue;
                components++;
                seen[root] = true;
                int head = 0, tail = 0;
                queue[tail++] = root;
                while (head < tail)
                {
                    int v = queue[head++];
                    for (int p = offsets[v], end = offsets[v + 1]; p < end; p++)
                    {
                        int u = targets[p];
                        if (seen[u]) continue;
                        seen[u] = true;
                        queue[tail++] = u;
                    }
                }
                largest = Math.Max(largest, tail);
            }
            int remaining = n - 1;
            return new StructureAfter(remaining, g.EdgeCount - nx.Length, components, largest, remaining == 0 ? double.NaN : sum / remaining, isolated);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(common);
            ArrayPool<int>.Shared.Return(queue);
            ArrayPool<bool>.Shared.Return(seen);
        }
    }

    /// <summary>
    /// The structure of an arbitrary graph <paramref name="after"/> (the cluster graph rebuilt without what a scenario
    /// removed), with <c>Isolated</c> = nodes of degree 0 in it whose degree in the graph before,
    /// <paramref name="degreeBefore"/>, was positive. Components by union–find, clustering by the forward algorithm
    /// (working arrays in per-thread scratch, no per-node allocation).
    /// </summary>
    public static StructureAfter Measure(UndirectedGraph after, ReadOnlySpan<int> degreeBefore)
    {
        int n = after.NodeCount;
        var (components, largest) = Structure.Components(after);
        double averageClustering = Clustering.AverageLocal(after);
        int isolated = 0;
        for (int v = 0; v < n; v++) if (after.Degree(v) == 0 && degreeBefore[v] > 0) isolated++;
        return new StructureAfter(n, after.EdgeCount, components, largest, averageClustering, isolated);
    }
}
