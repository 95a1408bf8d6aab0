namespace Pipeline.Bench;

/// <summary>
/// Deterministic benchmark graphs shaped like clusters: preferential attachment (hub lead firms) with mean degree
/// about 6, written as an edge list so the reference tools (igraph, NetworkX) time the identical graph.
/// </summary>
public static class BenchGraph
{
    public static (int N, int[] Source, int[] Target, double[] Weight) HubCluster(int n, ulong seed)
    {
        var src = new List<int>(3 * n);
        var dst = new List<int>(3 * n);
        var endpoints = new List<int>(6 * n);   // each edge's ends: sampling from it is degree-proportional
        ulong state = seed;
        for (int v = 1; v < n; v++)
        {
            int m = Math.Min(v, 3);
            for (int k = 0; k < m; k++)
            {
                int u = endpoints.Count == 0 ? 0 : endpoints[(int)(Next(ref state) % (ulong)endpoints.Count)];
                if (u == v) continue;
                src.Add(v); dst.Add(u);
                endpoints.Add(u); endpoints.Add(v);
            }
        }
        var w = new double[src.Count];
        for (int i = 0; i < w.Length; i++) w[i] = 1 + Next(ref state) % 9;
        return (n, src.ToArray(), dst.ToArray(), w);
    }

    /// <summary>
    /// A hub cluster of (1 − <paramref name="leafShare"/>)·n firms plus leafShare·n degree-1 firms (single-customer
    /// suppliers), each tied to one core firm drawn in proportion to its degree — the leaf share of real firm networks.
    /// </summary>
    public static (int N, int[] Source, int[] Target, double[] Weight) LeafyCluster(int n, double leafShare, ulong seed)
    {
        int core = n - (int)(n * leafShare);
        var (_, src, dst, w) = HubCluster(core, seed);
        var endpoints = new List<int>(src.Length * 2);
        for (int i = 0; i < src.Length; i++) { endpoints.Add(src[i]); endpoints.Add(dst[i]); }
        var s = new List<int>(src); var t = new List<int>(dst); var weights = new List<double>(w);
        ulong state = seed ^ 0x5DEECE66DUL;
        for (int leaf = core; leaf < n; leaf++)
        {
            s.Add(leaf);
            t.Add(endpoints[(int)(Next(ref state) % (ulong)endpoints.Count)]);
            weights.Add(1 + Next(ref state) % 9);
        }
        return (n, s.ToArray(), t.ToArray(), weights.ToArray());
    }

    public static void WriteEdgeList(string path, (int N, int[] Source, int[] Target, double[] Weight) g)
    {
        using var w = new StreamWriter(path);
        w.WriteLine(g.N);
        for (int i = 0; i < g.Source.Length; i++)
            w.WriteLine($"{g.Source[i]} {g.Target[i]} {g.Weight[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
