using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>
/// The Brandes sources that remain after folding degree-1 nodes (Sariyüce et al., "Shattering and compressing
/// networks for betweenness centrality", SDM 2013, §3.1): a leaf ℓ whose one neighbour p has degree ≥ 2 reaches every
/// target t ∉ {ℓ, p} only through p, so σ_ℓt(v)/σ_ℓt = σ_pt(v)/σ_pt for v ∉ {ℓ, p} and, summing over t,
/// δ_ℓ(v) = δ_p(v) for v ≠ p, while δ_ℓ(p) = c_p − 2 (c_p = size of p's component: p lies on every path out of ℓ).
/// So Σ_{s∈S} δ_s = Σ_r w_r δ_r + Σ_p L_p (c_p − 2)·[v = p], where r runs over the kept sources (not folded
/// leaves) with w_r = 1 if r ∈ S plus the number L_r of r's leaves in S. Isolated nodes are dropped (δ = 0).
/// Exact for any source set S — all nodes (exact betweenness) or the pivots of the estimate.
/// </summary>
internal sealed class BetweennessSources
{
    /// <summary>The kept sources, ascending: the first <see cref="Count"/> entries (the array is a per-thread scratch slot).</summary>
    public int[] Sources { get; }

    /// <summary>w_r, aligned with <see cref="Sources"/> (first <see cref="Count"/> entries).</summary>
    public double[] Weights { get; }

    /// <summary>Number of kept sources.</summary>
    public int Count { get; }

    /// <summary>Nodes that take L_p (c_p − 2) on top of the weighted Brandes sums, and that amount.</summary>
    public (int Node, double Amount)[] Corrections { get; }

    private BetweennessSources(int[] sources, double[] weights, int count, (int, double)[] corrections)
    {
        Sources = sources;
        Weights = weights;
        Count = count;
        Corrections = corrections;
    }

    /// <summary>
    /// Folds the distinct <paramref name="sources"/> of <paramref name="g"/>. O(n + |S|), plus a union–find pass when a
    /// leaf is folded. The kept sources and weights are this thread's <see cref="Scratch"/> slots: the result is valid
    /// until the thread folds again (within one <see cref="Betweenness"/> call).
    /// </summary>
    public static BetweennessSources Fold(UndirectedGraph g, ReadOnlySpan<int> sources)
    {
        int n = g.NodeCount;
        var weight = Scratch.Ints(Scratch.FoldWeight, n);
        var leaves = Scratch.Ints(Scratch.FoldLeaves, n);
        Array.Clear(weight, 0, n);
        Array.Clear(leaves, 0, n);
        int folded = 0;
        foreach (var s in sources)
        {
            int degree = g.Degree(s);
            if (degree == 0) continue;
            int p = degree == 1 ? g.Neighbors(s)[0] : -1;
            if (p >= 0 && g.Degree(p) >= 2) { weight[p]++; leaves[p]++; folded++; }
            else weight[s]++;
        }
        int kept = 0;
        for (int v = 0; v < n; v++) if (weight[v] > 0) kept++;
        var keptSources = Scratch.Ints(Scratch.FoldKept, kept);
        var keptWeights = Scratch.Doubles(Scratch.FoldKeptWeight, kept);
        for (int v = 0, i = 0; v < n; v++)
            if (weight[v] > 0) { keptSources[i] = v; keptWeights[i++] = weight[v]; }
        return new BetweennessSources(keptSources, keptWeights, kept, folded == 0 ? [] : LeafCorrections(g, leaves));
    }

    /// <summary>L_p (c_p − 2) for every node p with folded leaves; component sizes by union–find.</summary>
    private static (int, double)[] LeafCorrections(UndirectedGraph g, int[] leaves)
    {
        int n = g.NodeCount, count = 0;
        var sets = Structure.ComponentSets(g);
        for (int v = 0; v < n; v++) if (leaves[v] > 0) count++;
        var corrections = new (int, double)[count];
        for (int v = 0, i = 0; v < n; v++)
            if (leaves[v] > 0) corrections[i++] = (v, (double)leaves[v] * (sets.SizeOf(sets.Find(v)) - 2));
        return corrections;
    }
}
