using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>
/// Shortest-path betweenness (Freeman 1977) by Brandes' algorithm (Brandes 2001) on the unweighted graph:
/// b(v) = Σ_{s≠v≠t} σ_st(v)/σ_st, normalised as <c>networkx.betweenness_centrality(G)</c> does for an undirected
/// graph: the sum over ordered source/target pairs divided by (n−1)(n−2); 0 when n ≤ 2.
/// The estimate (Brandes &amp; Pich 2007) runs the same accumulation from k seeded pivot sources and scales by n/k
/// (NetworkX's <c>k=</c> semantics); its error is documented in docs/metrics.md.
/// Each BFS is O(n + m) with arrays reused across sources; sources run in fixed chunks whose partial sums are
/// added in chunk order, so the result is bit-identical whatever the parallelism.
/// </summary>
public static class Betweenness
{
    private const int Chunks = 32;

    public static double[] Exact(UndirectedGraph g, int maxDegreeOfParallelism = 1)
    {
        int n = g.NodeCount;
        var sources = new int[n];
        for (int i = 0; i < n; i++) sources[i] = i;
        return Accumulate(g, sources, maxDegreeOfParallelism, scale: 1.0);
    }

    public static double[] Estimate(UndirectedGraph g, int pivots, ulong seed, int maxDegreeOfParallelism = 1)
    {
        int n = g.NodeCount;
        if (pivots >= n) return Exact(g, maxDegreeOfParallelism);
        var sources = SamplePivots(n, pivots, seed);
        return Accumulate(g, sources, maxDegreeOfParallelism, scale: (double)n / pivots);
    }

    /// <summary>k distinct nodes chosen uniformly by a seeded partial Fisher–Yates shuffle (SplitMix64), sorted.</summary>
    public static int[] SamplePivots(int n, int k, ulong seed)
    {
        var perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        ulong state = seed;
        for (int i = 0; i < k; i++)
        {
            int j = i + (int)(SplitMix64(ref state) % (ulong)(n - i));
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }
        var result = perm[..k];
        Array.Sort(result);
        return result;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static double[] Accumulate(UndirectedGraph g, int[] sources, int maxDegreeOfParallelism, double scale)
    {
        int n = g.NodeCount;
        var result = new double[n];
        if (n <= 2 || sources.Length == 0) return result;
        int chunks = Math.Min(Chunks, sources.Length);
        var partial = new double[chunks][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) };
        Parallel.For(0, chunks, options, () => new BrandesWorkspace(n), (c, _, ws) =>
        {
            int from = (int)((long)sources.Length * c / chunks), to = (int)((long)sources.Length * (c + 1) / chunks);
            var acc = new double[n];
            for (int i = from; i < to; i++) ws.SingleSource(g, sources[i], acc);
            partial[c] = acc;
            return ws;
        }, _ => { });
        for (int c = 0; c < chunks; c++)
        {
            var acc = partial[c];
            for (int v = 0; v < n; v++) result[v] += acc[v];
        }
        double norm = scale / ((double)(n - 1) * (n - 2));
        for (int v = 0; v < n; v++) result[v] *= norm;
        return result;
    }

    /// <summary>Per-thread arrays of one Brandes single-source pass.</summary>
    private sealed class BrandesWorkspace(int n)
    {
        private readonly int[] _dist = Filled(n);
        private readonly double[] _sigma = new double[n];
        private readonly double[] _delta = new double[n];
        private readonly int[] _order = new int[n];

        private static int[] Filled(int n)
        {
            var a = new int[n];
            Array.Fill(a, -1);
            return a;
        }

        /// <summary>BFS from <paramref name="s"/>, then dependency accumulation in reverse BFS order into <paramref name="acc"/>.</summary>
        public void SingleSource(UndirectedGraph g, int s, double[] acc)
        {
            var offsets = g.Offsets;
            var targets = g.Targets;
            int head = 0, tail = 0;
            _order[tail++] = s;
            _dist[s] = 0;
            _sigma[s] = 1;
            while (head < tail)
            {
                int v = _order[head++];
                int dv = _dist[v] + 1;
                double sv = _sigma[v];
                for (int p = offsets[v], end = offsets[v + 1]; p < end; p++)
                {
                    int w = targets[p];
                    if (_dist[w] < 0) { _dist[w] = dv; _order[tail++] = w; }
                    if (_dist[w] == dv) _sigma[w] += sv;
                }
            }
            for (int i = tail - 1; i > 0; i--)
            {
                int w = _order[i];
                int dw = _dist[w] - 1;
                double coefficient = (1.0 + _delta[w]) / _sigma[w];
                for (int p = offsets[w], end = offsets[w + 1]; p < end; p++)
                {
                    int v = targets[p];
                    if (_dist[v] == dw) _delta[v] += _sigma[v] * coefficient;
                }
                acc[w] += _delta[w];
            }
            for (int i = 0; i < tail; i++)
            {
                int v = _order[i];
                _dist[v] = -1; _sigma[v] = 0; _delta[v] = 0;
            }
        }
    }
}
