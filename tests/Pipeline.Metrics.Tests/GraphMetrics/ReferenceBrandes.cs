using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics.Tests.GraphMetrics;

/// <summary>
/// The test oracle: textbook Brandes (2001, Algorithm 1) — queue, stack, predecessor lists, one source at a time, no
/// renumbering, folding or batching — with the pipeline's NetworkX 3.6 scaling: exact sums divided by (n−1)(n−2);
/// from k pivots, a pivot's sum divided by (k−1)(n−2) (0 when k = 1) and any other node's by k(n−2); all 0 when n ≤ 2.
/// It is the kernel the pipeline had before the batched one, written for clarity instead of speed.
/// </summary>
public static class ReferenceBrandes
{
    public static double[] Exact(UndirectedGraph g) => FromPivots(g, Enumerable.Range(0, g.NodeCount).ToArray());

    public static double[] FromPivots(UndirectedGraph g, int[] pivots)
    {
        int n = g.NodeCount, k = pivots.Length;
        var sums = new double[n];
        if (n <= 2 || k == 0) return sums;
        foreach (var s in pivots) AddDependencies(g, s, sums);
        var isPivot = new bool[n];
        foreach (var s in pivots) isPivot[s] = true;
        var result = new double[n];
        for (int v = 0; v < n; v++)
            result[v] = isPivot[v] ? (k > 1 ? sums[v] / ((double)(k - 1) * (n - 2)) : 0) : sums[v] / ((double)k * (n - 2));
        return result;
    }

    private static void AddDependencies(UndirectedGraph g, int s, double[] sums)
    {
        int n = g.NodeCount;
        var dist = Enumerable.Repeat(-1, n).ToArray();
        var sigma = new double[n];
        var delta = new double[n];
        var predecessors = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        var stack = new Stack<int>();
        var queue = new Queue<int>();
        dist[s] = 0; sigma[s] = 1; queue.Enqueue(s);
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            stack.Push(v);
            foreach (var w in g.Neighbors(v))
            {
                if (dist[w] < 0) { dist[w] = dist[v] + 1; queue.Enqueue(w); }
                if (dist[w] == dist[v] + 1) { sigma[w] += sigma[v]; predecessors[w].Add(v); }
            }
        }
        while (stack.Count > 0)
        {
            int w = stack.Pop();
            foreach (var v in predecessors[w]) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
            if (w != s) sums[w] += delta[w];
        }
    }
}
