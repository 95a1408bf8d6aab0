using System.Buffers;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>
/// Shortest-path betweenness (Freeman 1977) by Brandes' algorithm (Brandes 2001) on the unweighted cluster graph:
/// b(v) = Σ_{s≠v≠t} σ_st(v)/σ_st over ordered pairs, normalised as <c>networkx.betweenness_centrality(G)</c> (3.6) does
/// for an undirected graph: divided by (n−1)(n−2) (the ½ for unordered pairs and the 2/((n−1)(n−2)) cancel); all 0
/// when n ≤ 2. The pivot estimate (Brandes &amp; Pich 2007) is NetworkX's <c>k=</c> estimator.
/// Cost: O(n + m) per source, run by <see cref="BrandesAccumulation"/>: degree-1 sources folded into their neighbour
/// (<see cref="BetweennessSources"/>), 16 sources per SIMD batch (<see cref="BatchedBrandesWorkspace"/>) on the
/// graph renumbered in BFS order, in a fixed number of chunks whose partial sums are added in chunk order, so the
/// result is bit-identical whatever <c>maxDegreeOfParallelism</c> is (hosts with and without AVX-512 add in different
/// orders and agree to ~1e-13 relative, not bit for bit).
/// </summary>
public static class Betweenness
{
    /// <summary>
    /// Exact normalised betweenness of every node: Brandes from all n sources, divided by (n−1)(n−2).
    /// Reference: <c>networkx.betweenness_centrality(G)</c>. O(n·m) time, O(n) memory per thread.
    /// </summary>
    public static double[] Exact(UndirectedGraph g, int maxDegreeOfParallelism = 1)
    {
        var result = new double[g.NodeCount];
        Exact(g, result, maxDegreeOfParallelism);
        return result;
    }

    /// <summary><see cref="Exact(UndirectedGraph, int)"/> written into <paramref name="result"/>[0..n) (the caller's buffer, e.g. a reused one).</summary>
    public static void Exact(UndirectedGraph g, Span<double> result, int maxDegreeOfParallelism = 1)
    {
        int n = g.NodeCount;
        var sources = Scratch.Ints(Scratch.BetweennessSources, n);
        for (int i = 0; i < n; i++) sources[i] = i;
        FromPivots(g, sources.AsSpan(0, n), maxDegreeOfParallelism, BrandesKernel.Fastest, result);
    }

    /// <summary>
    /// Seeded pivot estimate (Brandes &amp; Pich 2007): k = <paramref name="pivots"/> distinct sources drawn uniformly
    /// by <see cref="SamplePivots"/> (SplitMix64, not System.Random), then <see cref="FromPivots(UndirectedGraph, ReadOnlySpan{int}, int)"/>.
    /// k ≥ n gives <see cref="Exact(UndirectedGraph, int)"/>. Deterministic for a seed and independent of the parallelism. O(k·m).
    /// </summary>
    public static double[] Estimate(UndirectedGraph g, int pivots, ulong seed, int maxDegreeOfParallelism = 1)
    {
        var result = new double[g.NodeCount];
        Estimate(g, pivots, seed, result, maxDegreeOfParallelism);
        return result;
    }

    /// <summary><see cref="Estimate(UndirectedGraph, int, ulong, int)"/> written into <paramref name="result"/>[0..n) (the caller's buffer).</summary>
    public static void Estimate(UndirectedGraph g, int pivots, ulong seed, Span<double> result, int maxDegreeOfParallelism = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pivots, 1);
        int n = g.NodeCount;
        if (pivots >= n) { Exact(g, result, maxDegreeOfParallelism); return; }
        FromPivots(g, SamplePivots(n, pivots, seed), maxDegreeOfParallelism, BrandesKernel.Fastest, result);
    }

    /// <summary>
    /// Betweenness accumulated from the given distinct <paramref name="pivots"/> (k of them) and scaled exactly as
    /// NetworkX 3.6 scales <c>betweenness_centrality(G, k)</c> for its sample: a node that is itself a pivot gets
    /// Σ/((k−1)(n−2)), any other node Σ/(k(n−2)) — unbiased, since a pivot cannot be a source of its own pairs.
    /// With all n nodes as pivots this is the exact value. NetworkX gives NaN to the pivot when k = 1; here it is 0.
    /// </summary>
    public static double[] FromPivots(UndirectedGraph g, ReadOnlySpan<int> pivots, int maxDegreeOfParallelism = 1) =>
        FromPivots(g, pivots, maxDegreeOfParallelism, BrandesKernel.Fastest);

    /// <summary><see cref="FromPivots(UndirectedGraph, ReadOnlySpan{int}, int)"/> with a chosen kernel (tests compare them).</summary>
    internal static double[] FromPivots(UndirectedGraph g, ReadOnlySpan<int> pivots, int maxDegreeOfParallelism, BrandesKernel kernel)
    {
        var result = new double[g.NodeCount];
        FromPivots(g, pivots, maxDegreeOfParallelism, kernel, result);
        return result;
    }

    /// <summary>
    /// The pivot betweenness written into <paramref name="result"/>[0..n). Working memory (the pivot marks, the
    /// renumbered pivots, the folded sources, the renumbered graph, the sums) is this thread's scratch or pooled and
    /// is let go before returning: nothing of it is in the result.
    /// </summary>
    private static void FromPivots(UndirectedGraph g, ReadOnlySpan<int> pivots, int maxDegreeOfParallelism, BrandesKernel kernel, Span<double> result)
    {
        int n = g.NodeCount;
        if (result.Length < n) throw new ArgumentException("The result span is shorter than the node count.", nameof(result));
        result[..n].Clear();
        int k = pivots.Length;
        if (n <= 2 || k == 0) return;
        var isPivot = Scratch.Bools(Scratch.BetweennessIsPivot, n);
        Array.Clear(isPivot, 0, n);
        foreach (var s in pivots)
        {
            if ((uint)s >= (uint)n) throw new ArgumentOutOfRangeException(nameof(pivots), $"Pivot {s} is not a node.");
            if (isPivot[s]) throw new ArgumentException($"Pivot {s} is repeated.", nameof(pivots));
            isPivot[s] = true;
        }
        // Brandes runs on the graph renumbered in BFS order (neighbours share cache lines, consecutive sources are
        // near each other and share a batch); sums are mapped back.
        var h = g.RenumberedByBfs(out var rank);
        var renumbered = Scratch.Ints(Scratch.BetweennessRenumbered, k);
        for (int i = 0; i < k; i++) renumbered[i] = rank[pivots[i]];
        var sources = BetweennessSources.Fold(h, renumbered.AsSpan(0, k));
        var sums = ArrayPool<double>.Shared.Rent(n);
        Array.Clear(sums, 0, n);
        BrandesAccumulation.Run(h, sources, maxDegreeOfParallelism, kernel, sums);
        double nonPivot = 1.0 / ((double)k * (n - 2));
        double pivot = k > 1 ? 1.0 / ((double)(k - 1) * (n - 2)) : 0.0;
        for (int v = 0; v < n; v++) result[v] = sums[rank[v]] * (isPivot[v] ? pivot : nonPivot);
        ArrayPool<double>.Shared.Return(sums);
    }

    /// <summary>k distinct nodes of 0..n−1 chosen uniformly by a seeded partial Fisher–Yates shuffle (SplitMix64), sorted.</summary>
    public static int[] SamplePivots(int n, int k, ulong seed)
    {
        k = Math.Min(k, n);
        var perm = Scratch.Ints(Scratch.Permutation, n);   // only the first k are kept (copied out)
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
}
