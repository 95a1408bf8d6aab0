using Pipeline.Metrics.Graphs;
using Xunit;

namespace Pipeline.Metrics.Tests.GraphMetrics;

/// <summary>
/// Unit working memory is reused from graph to graph (<see cref="GraphBuffers"/>, the kernels' per-thread scratch, the
/// span-output overloads): whatever ran before on the thread, and whatever stale values the buffers hold, the results
/// are bit-identical to fresh arrays.
/// </summary>
public class ReusedBuffersTests
{
    /// <summary>Random multigraph edges with repeats (weights summed) and self-loops (dropped).</summary>
    private static (int[] S, int[] T, double[] W) Edges(int n, int m, ulong seed)
    {
        ulong state = seed;
        var (s, t, w) = (new int[m], new int[m], new double[m]);
        for (int e = 0; e < m; e++)
        {
            s[e] = TestGraphs.Below(ref state, n);
            t[e] = TestGraphs.Below(ref state, n);
            w[e] = 1 + TestGraphs.Below(ref state, 9) / 4.0;
        }
        return (s, t, w);
    }

    private static void AssertSameGraph(UndirectedGraph expected, UndirectedGraph actual)
    {
        Assert.Equal(expected.NodeCount, actual.NodeCount);
        Assert.Equal(expected.EdgeCount, actual.EdgeCount);
        for (int v = 0; v < expected.NodeCount; v++)
        {
            Assert.Equal(expected.Neighbors(v).ToArray(), actual.Neighbors(v).ToArray());
            Assert.Equal(expected.Weights(v).ToArray(), actual.Weights(v).ToArray());
            Assert.Equal(expected.Strength(v), actual.Strength(v));
        }
    }

    [Fact]
    public void A_graph_built_into_reused_buffers_equals_a_fresh_one_whatever_was_built_there_before()
    {
        var buffers = new GraphBuffers();
        // Large, small, empty, larger again: the buffers hold stale rows and grow between builds.
        foreach (var (n, m, seed) in new[] { (300, 2_000, 1UL), (40, 90, 2UL), (0, 0, 3UL), (1, 0, 4UL), (700, 5_000, 5UL), (25, 300, 6UL) })
        {
            var (s, t, w) = Edges(n, m, seed);
            var fresh = UndirectedGraph.FromEdges(n, s, t, w);
            var reused = UndirectedGraph.FromEdges(n, new SpanEdges(s, t, w), buffers);
            AssertSameGraph(fresh, reused);
        }
    }

    [Fact]
    public void Span_kernels_into_dirty_longer_buffers_equal_the_array_versions_after_a_larger_graph_ran()
    {
        var big = TestGraphs.PreferentialAttachment(1_500, 3, 11);
        Betweenness.Exact(big);                                  // leaves this thread's scratch larger and dirty
        Robustness.TargetedAttack(big, TestGraphs.ShuffledKeys(big.NodeCount, 12));
        Clustering.Local(big);
        for (ulong seed = 0; seed < 12; seed++)
        {
            int n = 5 + (int)(seed * 37 % 300);
            var g = TestGraphs.Random(n, n * 3, seed);
            var dirty = Enumerable.Repeat(double.NaN, n + 17).ToArray();
            var dirtyLongs = Enumerable.Repeat(-5L, n + 17).ToArray();

            Betweenness.Exact(g, dirty);
            Assert.Equal(Betweenness.Exact(g), dirty[..n]);
            Betweenness.Estimate(g, 1 + n / 3, seed, dirty);
            Assert.Equal(Betweenness.Estimate(g, 1 + n / 3, seed), dirty[..n]);
            Clustering.TriangleCounts(g, dirtyLongs);
            Assert.Equal(Clustering.TriangleCounts(g), dirtyLongs[..n]);
            Clustering.FromTriangles(g, dirtyLongs, dirty);
            Assert.Equal(Clustering.Local(g), dirty[..n]);
            Assert.Equal(Clustering.Average(Clustering.Local(g)), Clustering.AverageLocal(g));
            var keys = TestGraphs.ShuffledKeys(n, seed + 99);
            Assert.Equal(Robustness.TargetedAttackNaive(g, keys), Robustness.TargetedAttack(g, keys));
        }
    }
}
