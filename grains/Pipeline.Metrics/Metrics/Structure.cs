using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>Whole-graph structure of a cluster: density, Freeman degree centralisation, connected components.</summary>
public static class Structure
{
    /// <summary>Density 2E / (n(n−1)); NaN when n &lt; 2.</summary>
    public static double Density(UndirectedGraph g)
    {
        double n = g.NodeCount;
        return n < 2 ? double.NaN : 2.0 * g.EdgeCount / (n * (n - 1));
    }

    /// <summary>Freeman (1979) degree centralisation Σ_i (d_max − d_i) / ((n−1)(n−2)); NaN when n &lt; 3.</summary>
    public static double DegreeCentralization(UndirectedGraph g)
    {
        int n = g.NodeCount;
        if (n < 3) return double.NaN;
        long max = g.MaxDegree(), sum = 0;
        for (int v = 0; v < n; v++) sum += max - g.Degree(v);
        return sum / ((double)(n - 1) * (n - 2));
    }

    /// <summary>Number of connected components (isolated nodes count) and the size of the largest; (0, 0) when empty. O(n + m) union–find.</summary>
    public static (int Components, int LargestComponentSize) Components(UndirectedGraph g)
    {
        int n = g.NodeCount;
        var sets = ComponentSets(g);
        int components = 0, largest = 0;
        for (int v = 0; v < n; v++)
            if (sets.Find(v) == v) { components++; largest = Math.Max(largest, sets.SizeOf(v)); }
        return (components, largest);
    }

    /// <summary>
    /// The connected components as union–find sets (one Union per edge). O(n + m). The sets live in this thread's
    /// <see cref="Scratch"/> (slots <see cref="Scratch.SetParent"/>, <see cref="Scratch.SetSize"/>): valid until the
    /// thread's next call, so callers read them before returning and never keep them.
    /// </summary>
    internal static DisjointSets ComponentSets(UndirectedGraph g)
    {
        var sets = DisjointSets.InScratch(g.NodeCount, Scratch.SetParent, Scratch.SetSize);
        for (int v = 0; v < g.NodeCount; v++)
            foreach (var u in g.Neighbors(v))
                if (u > v) sets.Union(u, v);
        return sets;
    }
}
