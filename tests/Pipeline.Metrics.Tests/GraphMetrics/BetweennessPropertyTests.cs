using Pipeline.Metrics.Graphs;
using Xunit;
using static Pipeline.Metrics.Tests.GraphMetrics.ClusterGraphFixtures;

namespace Pipeline.Metrics.Tests.GraphMetrics;

/// <summary>
/// The fast betweenness (leaf folding, BFS renumbering, 16-source SIMD batches, chunked parallel sums) against the
/// textbook <see cref="ReferenceBrandes"/> oracle on graphs with leaves, chains, bridges, twins, isolated nodes and
/// several components: exact, pivot sets that include leaves, and the seeded estimate; both kernels; any parallelism.
/// </summary>
public class BetweennessPropertyTests
{
    private static readonly int[] Parallelism = [1, 2, 3];

    [Fact]
    public void Exact_equals_the_oracle_on_shaped_graphs_with_both_kernels()
    {
        for (ulong seed = 0; seed < 80; seed++)
        {
            var g = ShapedGraphs.Make(seed);
            var expected = ReferenceBrandes.Exact(g);
            var all = Enumerable.Range(0, g.NodeCount).ToArray();
            AllClose(expected, Betweenness.Exact(g), $"seed {seed}");
            AllClose(expected, Betweenness.FromPivots(g, all, 1, BrandesKernel.OneSource), $"seed {seed} one-source");
        }
    }

    [Fact]
    public void Exact_is_bit_identical_for_any_parallelism_on_shaped_graphs()
    {
        for (ulong seed = 100; seed < 130; seed++)
        {
            var g = ShapedGraphs.Make(seed);
            var serial = Betweenness.Exact(g, 1);
            foreach (var dop in Parallelism)
                Assert.Equal(serial.Select(BitConverter.DoubleToInt64Bits), Betweenness.Exact(g, dop).Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Pivot_sums_equal_the_oracle_when_pivots_are_leaves_and_their_neighbours()
    {
        for (ulong seed = 200; seed < 260; seed++)
        {
            var g = ShapedGraphs.Make(seed);
            int n = g.NodeCount;
            ulong state = seed;
            // leaves, their neighbours, and random nodes, so folded leaves meet kept neighbours with and without weight
            var pivots = Enumerable.Range(0, n).Where(v => g.Degree(v) == 1 ? TestGraphs.Below(ref state, 3) > 0 : TestGraphs.Below(ref state, 3) == 0).ToArray();
            if (pivots.Length == 0) continue;
            var expected = ReferenceBrandes.FromPivots(g, pivots);
            foreach (var dop in Parallelism)
            {
                AllClose(expected, Betweenness.FromPivots(g, pivots, dop), $"seed {seed} dop {dop}");
                AllClose(expected, Betweenness.FromPivots(g, pivots, dop, BrandesKernel.OneSource), $"seed {seed} dop {dop} one-source");
            }
        }
    }

    [Fact]
    public void Seeded_estimate_equals_the_oracle_on_its_pivots()
    {
        for (ulong seed = 300; seed < 330; seed++)
        {
            var g = ShapedGraphs.Make(seed);
            int k = Math.Max(1, g.NodeCount / 4);
            var expected = ReferenceBrandes.FromPivots(g, Betweenness.SamplePivots(g.NodeCount, k, seed));
            AllClose(expected, Betweenness.Estimate(g, k, seed), $"seed {seed}");
            AllClose(expected, Betweenness.Estimate(g, k, seed, 2), $"seed {seed} parallel");
        }
    }

    [Fact]
    public void Larger_graphs_equal_the_oracle()
    {
        foreach (var g in new[] { TestGraphs.PreferentialAttachment(700, 2, 5), TestGraphs.Random(600, 900, 6), Chain(1500) })
            AllClose(ReferenceBrandes.Exact(g), Betweenness.Exact(g, 2), $"n={g.NodeCount}");
    }

    [Fact]
    public void A_path_longer_than_the_batched_kernels_distance_lanes_falls_back_to_one_source_passes()
    {
        var g = Chain(70_000);
        int[] pivots = [0, 1, 4000, 30000, 50000, g.NodeCount - 1];
        AllClose(ReferenceBrandes.FromPivots(g, pivots), Betweenness.FromPivots(g, pivots, 2), "long chain");
    }

    [Fact]
    public void A_graph_above_the_batched_kernels_size_limit_uses_the_one_source_kernel()
    {
        int n = BatchedBrandesWorkspace.MaxNodes + 10;
        var g = TestGraphs.Unweighted(n, Enumerable.Range(1, n - 1).Select(i => (i % 7, i)).ToArray());   // seven stars
        int[] pivots = [0, 3, 100, n - 1];
        AllClose(ReferenceBrandes.FromPivots(g, pivots), Betweenness.FromPivots(g, pivots), "hubs");
    }

    [Fact]
    public void Leaves_only_and_tiny_components()
    {
        var star = TestGraphs.Unweighted(6, (0, 1), (0, 2), (0, 3), (0, 4), (0, 5));
        AllClose(ReferenceBrandes.Exact(star), Betweenness.Exact(star), "star");
        var pairs = TestGraphs.Unweighted(7, (0, 1), (2, 3), (4, 5));
        AllClose(ReferenceBrandes.Exact(pairs), Betweenness.Exact(pairs), "pairs");
        var path3 = TestGraphs.Unweighted(4, (0, 1), (1, 2));
        AllClose(ReferenceBrandes.Exact(path3), Betweenness.Exact(path3), "path3 + isolated");
    }

    private static UndirectedGraph Chain(int n) =>
        TestGraphs.Unweighted(n, Enumerable.Range(0, n - 1).Select(i => (i, i + 1)).ToArray());
}
