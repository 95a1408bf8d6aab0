using Pipeline.Metrics.Graphs;
using Xunit;

namespace Pipeline.Metrics.Tests.GraphMetrics;

/// <summary>The cluster graph's construction: parallel and reversed links summed, self-loops dropped, sorted CSR.</summary>
public class UndirectedGraphTests
{
    [Fact]
    public void Parallel_and_reverse_edges_are_summed_and_self_loops_dropped()
    {
        //                                        0→3 3→0 2→0 0→2 1→1 3→0 2→3
        var g = UndirectedGraph.FromEdges(4, [0, 3, 2, 0, 1, 3, 2], [3, 0, 0, 2, 1, 0, 3], [1.0, 2, 4, 8, 16, 32, 64]);
        Assert.Equal(3, g.EdgeCount);
        Assert.Equal([2, 3], g.Neighbors(0).ToArray());
        Assert.Equal([12.0, 35.0], g.Weights(0).ToArray());
        Assert.Equal([0, 3], g.Neighbors(2).ToArray());
        Assert.Equal([12.0, 64.0], g.Weights(2).ToArray());
        Assert.Equal([0, 2], g.Neighbors(3).ToArray());
        Assert.Equal([35.0, 64.0], g.Weights(3).ToArray());
        Assert.Equal(0, g.Degree(1));
        Assert.Equal(0.0, g.Strength(1));
        Assert.Equal(47.0, g.Strength(0));
        Assert.Equal(2, g.Degree(3));
    }

    [Fact]
    public void Random_edge_lists_give_a_symmetric_sorted_graph_with_the_summed_weights()
    {
        ulong state = 17;
        int n = 200, m = 3000;
        var s = new int[m]; var t = new int[m]; var w = new double[m];
        var expected = new Dictionary<(int, int), double>();
        for (int i = 0; i < m; i++)
        {
            s[i] = TestGraphs.Below(ref state, n); t[i] = TestGraphs.Below(ref state, n); w[i] = 1 + TestGraphs.Below(ref state, 4);
            if (s[i] == t[i]) continue;
            var key = (Math.Min(s[i], t[i]), Math.Max(s[i], t[i]));
            expected[key] = expected.GetValueOrDefault(key) + w[i];
        }
        var g = UndirectedGraph.FromEdges(n, s, t, w);
        Assert.Equal(expected.Count, g.EdgeCount);
        for (int v = 0; v < n; v++)
        {
            var nb = g.Neighbors(v); var wt = g.Weights(v);
            double strength = 0;
            for (int k = 0; k < nb.Length; k++)
            {
                if (k > 0) Assert.True(nb[k - 1] < nb[k]);
                Assert.Equal(expected[(Math.Min(v, nb[k]), Math.Max(v, nb[k]))], wt[k]);
                strength += wt[k];
            }
            Assert.Equal(nb.Length, g.Degree(v));
            Assert.Equal(strength, g.Strength(v), 9);
        }
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UndirectedGraph.FromEdges(3, [0, 3], [1, 0], [1.0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => UndirectedGraph.FromEdges(3, [-1], [1], [1.0]));
        Assert.Throws<ArgumentException>(() => UndirectedGraph.FromEdges(3, [0, 1], [1], [1.0]));
        var empty = UndirectedGraph.FromEdges(0, [], [], []);
        Assert.Equal(0, empty.NodeCount);
        Assert.Equal(0, empty.EdgeCount);
    }
}
