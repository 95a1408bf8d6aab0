using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>
/// Robustness to a targeted attack on hub firms (Schneider et al. 2011): remove, one at a time, the node of highest
/// current degree in what remains (ties: smallest key, the firm_id), and R = (1/N) Σ_{Q=1..N} s(Q), where s(Q) is the
/// largest connected component after Q removals divided by N. R lies in [0, 1/2); NaN for N = 0.
/// The adaptive order comes from one lazy max-heap of (current degree, −key rank) entries — a node is pushed again
/// when its degree falls and its stale entries are skipped when popped; s(Q) for every Q from a reverse union–find
/// that adds the nodes back in reverse removal order: O((N + E) log N) in all, instead of N component searches.
/// Working arrays are per-thread <see cref="Scratch"/> slots reused across units (no allocation per node or edge).
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
        var order = Scratch.Ints(Scratch.RobustnessOrder, n);
        FillRemovalOrder(g, tieBreakKey, order);

        // Add nodes back from the last removed; after adding order[Q..n-1] the graph is the one after Q removals.
        var present = Scratch.Bools(Scratch.RobustnessPresent, n);
        Array.Clear(present, 0, n);
        var sets = DisjointSets.InScratch(n, Scratch.RobustnessSetParent, Scratch.RobustnessSetSize);
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
    /// ties by smallest key (then smallest node index). O((N + E) log N).
    /// </summary>
    public static int[] RemovalOrder(UndirectedGraph g, ReadOnlySpan<long> tieBreakKey)
    {
        int n = g.NodeCount;
        if (tieBreakKey.Length != n) throw new ArgumentException("One tie-break key per node is required.");
        var order = new int[n];
        FillRemovalOrder(g, tieBreakKey, order);
        return order;
    }

    /// <summary>
    /// Writes the removal order into <paramref name="order"/>[0..n). Nodes are ranked by (key, index); a max-heap holds
    /// entries (degree &lt;&lt; 32 | n − 1 − rank), so the top is the highest degree, then the smallest rank. When a node's
    /// degree falls a new entry is pushed; an entry whose degree is no longer its node's (or whose node is gone) is
    /// skipped when it reaches the top. Every remaining node always has its current entry in the heap, so the top valid
    /// entry is exactly the node the definition picks. At most N + E entries.
    /// </summary>
    private static void FillRemovalOrder(UndirectedGraph g, ReadOnlySpan<long> tieBreakKey, int[] order)
    {
        int n = g.NodeCount;
        if (tieBreakKey.Length != n) throw new ArgumentException("One tie-break key per node is required.");
        var byKey = Scratch.Ints(Scratch.RobustnessByKey, n);
        for (int i = 0; i < n; i++) byKey[i] = i;
        var keys = Scratch.Longs(Scratch.RobustnessKeys, n);
        tieBreakKey.CopyTo(keys);
        byKey.AsSpan(0, n).Sort((a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b)); // equal keys: smaller node first, as the naive scan
        var rank = Scratch.Ints(Scratch.RobustnessRank, n);
        for (int r = 0; r < n; r++) rank[byKey[r]] = r;

        var degree = Scratch.Ints(Scratch.RobustnessDegree, n);
        var heap = Scratch.Longs(Scratch.RobustnessHeap, (int)Math.Min(Array.MaxLength, n + g.EdgeCount));
        for (int v = 0; v < n; v++)
        {
            degree[v] = g.Degree(v);
            heap[v] = Entry(degree[v], n - 1 - rank[v]);
        }
        int size = n;
        for (int i = size / 2 - 1; i >= 0; i--) SiftDown(heap, size, i);

        var removed = Scratch.Bools(Scratch.RobustnessRemoved, n);
        Array.Clear(removed, 0, n);
        for (int q = 0; q < n; q++)
        {
            int v;
            while (true)
            {
                long top = heap[0];
                heap[0] = heap[--size];
                SiftDown(heap, size, 0);
                v = byKey[n - 1 - (int)(uint)top];
                if (!removed[v] && degree[v] == (int)(top >> 32)) break;   // skip stale entries
            }
            removed[v] = true;
            order[q] = v;
            foreach (var u in g.Neighbors(v))
            {
                if (removed[u]) continue;
                int d = --degree[u];
                heap[size] = Entry(d, n - 1 - rank[u]);
                SiftUp(heap, size++);
            }
        }
    }

    private static long Entry(int degree, int reverseRank) => ((long)degree << 32) | (uint)reverseRank;

    private static void SiftUp(long[] heap, int i)
    {
        long x = heap[i];
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (heap[parent] >= x) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = x;
    }

    private static void SiftDown(long[] heap, int size, int i)
    {
        if (size == 0) return;
        long x = heap[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && heap[child + 1] > heap[child]) child++;
            if (heap[child] <= x) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = x;
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
