using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>
/// Robustness to a targeted attack on hub firms (Schneider et al. 2011): remove, one at a time, the node of highest
/// current degree in what remains (ties: smallest key, the firm_id), and R = (1/N) Σ_{Q=1..N} s(Q), where s(Q) is the
/// largest connected component after Q removals divided by N. R lies in [0, 1/2); NaN for N = 0.
/// The adaptive order comes from a bucket queue over current degrees (one lazy min-heap of key ranks per degree,
/// the maximum pointer only falls); s(Q) for every Q from a reverse union–find that adds the nodes back in reverse
/// removal order: O((N + E) log N) in all, instead of N component searches.
/// </summary>
public static class Robustness
{
    /// <summary>
    /// R for the cluster graph <paramref name="g"/>, with <paramref name="tieBreakKey"/>[v] the firm_id of node v
    /// (one key per node). The removal order from <see cref="RemovalOrder"/>, then the nodes are added back in reverse
    /// order into a union–find that tracks the largest component, giving s(Q) for every Q in O(E·α(N)).
    /// </summary>
    public static double TargetedAttack(UndirectedGraph g, ReadOnlySpan<long> tieBreakKey)
    {
        int n = g.NodeCount;
        if (n == 0) return double.NaN;
        var order = RemovalOrder(g, tieBreakKey);

        // Add nodes back from the last removed; after adding order[Q..n-1] the graph is the one after Q removals.
        var present = new bool[n];
        var sets = new DisjointSets(n);
        int largest = 0;
        double sum = 0;                       // Σ_{Q=1..N} |largest after Q removals|; Q = N contributes 0
        for (int q = n - 1; q >= 1; q--)
        {
            int v = order[q];
            present[v] = true;
            largest = Math.Max(largest, 1);
            foreach (var u in g.Neighbors(v))
                if (present[u]) largest = Math.Max(largest, sets.Union(u, v));
            sum += largest;                   // state after q removals
        }
        return sum / ((double)n * n);
    }

    /// <summary>
    /// The adaptive highest-degree-first removal order: at each step the remaining node of highest current degree,
    /// ties by smallest key (then smallest node index). Bucket queue over current degrees, one lazy min-heap of key
    /// ranks per degree: a neighbour whose degree falls is pushed again into the lower bucket and its stale entry
    /// skipped when popped; the top-bucket pointer only falls. O((N + E) log N).
    /// </summary>
    public static int[] RemovalOrder(UndirectedGraph g, ReadOnlySpan<long> tieBreakKey)
    {
        int n = g.NodeCount;
        if (tieBreakKey.Length != n) throw new ArgumentException("One tie-break key per node is required.");
        var byKey = new int[n];
        for (int i = 0; i < n; i++) byKey[i] = i;
        var keys = tieBreakKey.ToArray();
        Array.Sort(byKey, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b)); // equal keys: smaller node first, as the naive scan
        var rank = new int[n];
        for (int r = 0; r < n; r++) rank[byKey[r]] = r;

        var degree = new int[n];
        int maxDegree = 0;
        for (int v = 0; v < n; v++) { degree[v] = g.Degree(v); maxDegree = Math.Max(maxDegree, degree[v]); }
        var buckets = new PriorityQueue<int, int>?[maxDegree + 1];
        for (int v = 0; v < n; v++) (buckets[degree[v]] ??= new()).Enqueue(v, rank[v]);

        var removed = new bool[n];
        var order = new int[n];
        int top = maxDegree;
        for (int q = 0; q < n; q++)
        {
            int v;
            while (true)
            {
                while (buckets[top] is not { Count: > 0 }) top--;
                v = buckets[top]!.Dequeue();
                if (!removed[v] && degree[v] == top) break;   // skip stale entries
            }
            removed[v] = true;
            order[q] = v;
            foreach (var u in g.Neighbors(v))
            {
                if (removed[u]) continue;
                int d = --degree[u];
                (buckets[d] ??= new()).Enqueue(u, rank[u]);
            }
        }
        return order;
    }

    /// <summary>
    /// The same R computed naively from the definition, for tests: each step scans all remaining nodes for the highest
    /// current degree (ties: smallest key, then smallest index) and searches all components again. O(N·(N + E)).
    /// </summary>
    public static double TargetedAttackNaive(UndirectedGraph g, ReadOnlySpan<long> tieBreakKey)
    {
        int n = g.NodeCount;
        if (n == 0) return double.NaN;
        var removed = new bool[n];
        double sum = 0;
        for (int q = 1; q <= n; q++)
        {
            int best = -1, bestDegree = -1;
            for (int v = 0; v < n; v++)
            {
                if (removed[v]) continue;
                int d = 0;
                foreach (var u in g.Neighbors(v)) if (!removed[u]) d++;
                if (d > bestDegree || (d == bestDegree && tieBreakKey[v] < tieBreakKey[best])) { best = v; bestDegree = d; }
            }
            removed[best] = true;
            sum += LargestComponent(g, removed);
        }
        return sum / ((double)n * n);
    }

    private static int LargestComponent(UndirectedGraph g, bool[] removed)
    {
        int n = g.NodeCount, largest = 0;
        var seen = new bool[n];
        var stack = new Stack<int>();
        for (int s = 0; s < n; s++)
        {
            if (removed[s] || seen[s]) continue;
            int size = 0;
            seen[s] = true;
            stack.Push(s);
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                size++;
                foreach (var u in g.Neighbors(v))
                    if (!removed[u] && !seen[u]) { seen[u] = true; stack.Push(u); }
            }
            largest = Math.Max(largest, size);
        }
        return largest;
    }
}
