using Xunit;

namespace Pipeline.Metrics.Tests.GraphMetrics;

/// <summary>Hand values for clustering, structural holes and whole-graph structure, and triangle counts against brute force.</summary>
public class LocalStructureTests
{
    [Fact]
    public void Clustering_of_a_triangle_with_a_pendant()
    {
        // Triangle 0-1-2 and pendant 3 on node 2: c0 = c1 = 1, c2 = 1/C(3,2) = 1/3, c3 = 0 (degree 1).
        var g = TestGraphs.Unweighted(4, (0, 1), (1, 2), (2, 0), (2, 3));
        var c = Clustering.Local(g);
        Assert.Equal([1.0, 1.0, 1 / 3.0, 0.0], c);
        Assert.Equal((7 / 3.0) / 4, Clustering.Average(c), 15);
        Assert.True(double.IsNaN(Clustering.Average([])));
    }

    [Fact]
    public void Triangle_counts_equal_brute_force_on_random_graphs()
    {
        for (ulong seed = 0; seed < 30; seed++)
        {
            int n = 5 + (int)(seed * 3 % 60);
            var g = TestGraphs.Random(n, n * 4, seed);
            var t = Clustering.TriangleCounts(g);
            for (int v = 0; v < n; v++)
            {
                var nb = g.Neighbors(v).ToArray();
                long brute = 0;
                for (int a = 0; a < nb.Length; a++)
                    for (int b = a + 1; b < nb.Length; b++)
                        if (g.Neighbors(nb[a]).BinarySearch(nb[b]) >= 0) brute++;
                Assert.Equal(brute, t[v]);
            }
        }
    }

    [Fact]
    public void Structural_holes_of_a_weighted_star_and_a_triangle()
    {
        // Star, hub 0 with leaves of weight 1, 1, 2: p = 1/4, 1/4, 1/2, no indirect paths:
        // constraint = 1/16 + 1/16 + 1/4 = 0.375, effective size = 3 (no redundancy); each leaf: p = 1, constraint 1, size 1.
        var star = Pipeline.Metrics.Graphs.UndirectedGraph.FromEdges(4, [0, 0, 0], [1, 2, 3], [1.0, 1, 2]);
        var c = new double[4]; var e = new double[4];
        StructuralHoles.Compute(star, c, e);
        Assert.Equal(0.375, c[0], 15);
        Assert.Equal(3.0, e[0], 15);
        for (int i = 1; i < 4; i++) { Assert.Equal(1.0, c[i], 15); Assert.Equal(1.0, e[i], 15); }

        // Unweighted triangle plus an isolated node: p = 1/2 everywhere, local constraint (1/2 + 1/4)² twice = 1.125;
        // redundancy of each neighbour = p_iq · m_jq = 1/2 · 1, effective size = 2 · (1 − 1/2) = 1; isolated → NaN.
        var tri = TestGraphs.Unweighted(4, (0, 1), (1, 2), (2, 0));
        StructuralHoles.Compute(tri, c, e);
        for (int i = 0; i < 3; i++) { Assert.Equal(1.125, c[i], 15); Assert.Equal(1.0, e[i], 15); }
        Assert.True(double.IsNaN(c[3]) && double.IsNaN(e[3]));
    }

    [Fact]
    public void Density_centralization_and_components_hand_values()
    {
        // Star of 5 plus an isolated node: n = 6, E = 4, density 8/30; degrees 4,1,1,1,1,0: Σ(4 − d) = 0+3+3+3+3+4 = 16,
        // centralisation 16 / (5·4) = 0.8; components {0..4}, {5}.
        var g = TestGraphs.Unweighted(6, (0, 1), (0, 2), (0, 3), (0, 4));
        Assert.Equal(8 / 30.0, Structure.Density(g), 15);
        Assert.Equal(0.8, Structure.DegreeCentralization(g), 15);
        Assert.Equal((2, 5), Structure.Components(g));
        Assert.True(double.IsNaN(Structure.Density(TestGraphs.Unweighted(1))));
        Assert.True(double.IsNaN(Structure.DegreeCentralization(TestGraphs.Unweighted(2, (0, 1)))));
        Assert.Equal((0, 0), Structure.Components(TestGraphs.Unweighted(0)));
    }
}
