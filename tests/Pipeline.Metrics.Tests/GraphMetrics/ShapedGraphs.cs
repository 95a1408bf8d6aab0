using Pipeline.Metrics.Graphs;
using static Pipeline.Metrics.Tests.GraphMetrics.TestGraphs;

namespace Pipeline.Metrics.Tests.GraphMetrics;

/// <summary>
/// Seeded random graphs with the shapes that betweenness reductions must get right: a few components, each a random
/// core with degree-1 leaves, hanging chains (leaves whose neighbour has degree 2), bridges between cores, twins
/// (nodes with the same neighbours), plus isolated nodes and two-node components; node ids shuffled.
/// </summary>
public static class ShapedGraphs
{
    public static UndirectedGraph Make(ulong seed)
    {
        ulong state = seed;
        var edges = new List<(int, int)>();
        int n = 0;
        int components = 1 + Below(ref state, 3);
        int previousCore = -1;
        for (int c = 0; c < components; c++)
        {
            int core = 3 + Below(ref state, 30), first = n;
            n += core;
            for (int v = first + 1; v < n; v++)                      // connected random core
            {
                edges.Add((v, first + Below(ref state, v - first)));
                if (Below(ref state, 2) == 0) edges.Add((v, first + Below(ref state, core)));
            }
            int leaves = Below(ref state, core);                     // up to ~50 % leaves
            for (int i = 0; i < leaves; i++) edges.Add((first + Below(ref state, core), n++));
            int chains = Below(ref state, 3);
            for (int i = 0; i < chains; i++)
            {
                int at = first + Below(ref state, core), length = 1 + Below(ref state, 12);
                for (int k = 0; k < length; k++) { edges.Add((at, n)); at = n++; }
            }
            int twins = Below(ref state, 3);
            for (int i = 0; i < twins; i++)
            {
                int of = first + Below(ref state, core), twin = n++;
                foreach (var (a, b) in edges.ToArray())
                {
                    if (a == of) edges.Add((twin, b));
                    else if (b == of) edges.Add((a, twin));
                }
            }
            if (previousCore >= 0 && Below(ref state, 2) == 0) edges.Add((previousCore, first + Below(ref state, core)));   // bridge
            previousCore = first;
        }
        if (Below(ref state, 2) == 0) { edges.Add((n, n + 1)); n += 2; }    // a two-node component
        n += Below(ref state, 4);                                           // isolated nodes
        var perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = n - 1; i > 0; i--) { int j = Below(ref state, i + 1); (perm[i], perm[j]) = (perm[j], perm[i]); }
        return UndirectedGraph.FromEdges(n, edges.Select(e => perm[e.Item1]).ToArray(), edges.Select(e => perm[e.Item2]).ToArray(),
            Enumerable.Repeat(1.0, edges.Count).ToArray());
    }
}
