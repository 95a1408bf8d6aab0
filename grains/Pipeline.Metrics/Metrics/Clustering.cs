using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>
/// Local clustering coefficient (Watts &amp; Strogatz 1998), unweighted:
/// c_v = 2·T(v) / (d_v (d_v − 1)) where T(v) is the number of triangles through v; 0 when d_v &lt; 2.
/// Reference: <c>networkx.clustering(G)</c> and <c>networkx.average_clustering(G)</c> (zeros included).
/// Complexity O(Σ_v d_v²) with a dense marker array, no allocation per node.
/// </summary>
public static class Clustering
{
    public static double[] Local(UndirectedGraph g)
    {
        int n = g.NodeCount;
        var result = new double[n];
        var mark = new int[n];          // mark[x] == v + 1 ⇔ x is a neighbour of v
        for (int v = 0; v < n; v++)
        {
            var nv = g.Neighbors(v);
            int d = nv.Length;
            if (d < 2) continue;
            foreach (var u in nv) mark[u] = v + 1;
            long links = 0;             // ordered pairs (u, x) of neighbours of v that are adjacent = 2·T(v)
            foreach (var u in nv)
                foreach (var x in g.Neighbors(u))
                    if (mark[x] == v + 1) links++;
            result[v] = (double)links / ((double)d * (d - 1));
        }
        return result;
    }

    /// <summary>Mean of the local coefficients (networkx.average_clustering); NaN for no nodes.</summary>
    public static double Average(ReadOnlySpan<double> local)
    {
        if (local.IsEmpty) return double.NaN;
        double sum = 0;
        foreach (var c in local) sum += c;
        return sum / local.Length;
    }
}
