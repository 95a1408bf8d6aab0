using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics.Tests.GraphMetrics;

/// <summary>Seeded random graphs for property tests (SplitMix64, so they never change with the runtime).</summary>
public static class TestGraphs
{
    public static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static int Below(ref ulong state, int n) => (int)(Next(ref state) % (ulong)n);

    /// <summary>m random edges on n nodes, a quarter of them at one of three hubs (degree ties and cascades), weights 1–5.</summary>
    public static UndirectedGraph Random(int n, int m, ulong seed)
    {
        ulong state = seed;
        var s = new int[m]; var t = new int[m]; var w = new double[m];
        for (int i = 0; i < m; i++)
        {
            s[i] = Below(ref state, 4) == 0 ? Below(ref state, Math.Min(n, 3)) : Below(ref state, n);
            t[i] = Below(ref state, n);
            w[i] = 1 + Below(ref state, 5);
        }
        return UndirectedGraph.FromEdges(n, s, t, w);
    }

    /// <summary>Preferential attachment: each new node joins <paramref name="m"/> endpoints drawn in proportion to degree.</summary>
    public static UndirectedGraph PreferentialAttachment(int n, int m, ulong seed)
    {
        ulong state = seed;
        var s = new List<int>(); var t = new List<int>(); var ends = new List<int>();
        for (int v = 1; v < n; v++)
            for (int k = 0; k < Math.Min(v, m); k++)
            {
                int u = ends.Count == 0 ? 0 : ends[Below(ref state, ends.Count)];
                s.Add(v); t.Add(u); ends.Add(u); ends.Add(v);
            }
        return UndirectedGraph.FromEdges(n, s.ToArray(), t.ToArray(), Enumerable.Repeat(1.0, s.Count).ToArray());
    }

    /// <summary>Distinct keys (firm ids) in a shuffled order, so that ties are not broken by node index.</summary>
    public static long[] ShuffledKeys(int n, ulong seed)
    {
        ulong state = seed;
        var keys = new long[n];
        for (int i = 0; i < n; i++) keys[i] = 1_000_000_000_000L + 7L * i;
        for (int i = n - 1; i > 0; i--) { int j = Below(ref state, i + 1); (keys[i], keys[j]) = (keys[j], keys[i]); }
        return keys;
    }

    public static UndirectedGraph Unweighted(int n, params (int U, int V)[] edges) =>
        UndirectedGraph.FromEdges(n, edges.Select(e => e.U).ToArray(), edges.Select(e => e.V).ToArray(), Enumerable.Repeat(1.0, edges.Length).ToArray());
}
