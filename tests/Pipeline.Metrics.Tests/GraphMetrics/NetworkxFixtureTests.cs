using Xunit;
using static Pipeline.Metrics.Tests.GraphMetrics.ClusterGraphFixtures;

namespace Pipeline.Metrics.Tests.GraphMetrics;

/// <summary>
/// Every cluster-graph metric against NetworkX 3.6 on the committed fixtures (relative tolerance 1e-9, absolute 1e-12
/// near zero): weighted and unweighted graphs, parallel/reversed/self-loop input edges, isolated nodes, 0-, 1- and
/// 2-node graphs, components, star, clique, cycle, regular graph, gnp and Barabási–Albert graphs of up to 1,000 nodes,
/// and shaped graphs with ~40 % leaves, hanging chains, twins, bridges, a two-node component and isolated nodes.
/// </summary>
public class NetworkxFixtureTests
{
    public static IEnumerable<object[]> Cases => CaseNames();

    [Theory, MemberData(nameof(Cases))]
    public void Graph_sums_parallel_and_reversed_edges_and_drops_self_loops(string name)
    {
        var c = Case("undirected", name);
        var g = Graph(c);
        Assert.Equal(c.GetProperty("n").GetInt32(), g.NodeCount);
        Assert.Equal(c.GetProperty("links").GetInt32(), g.EdgeCount);
        var degree = Doubles(c, "degree");
        var strength = Doubles(c, "strength");
        for (int v = 0; v < g.NodeCount; v++)
        {
            Assert.Equal((int)degree[v], g.Degree(v));
            Close(strength[v], g.Strength(v), $"{name}.strength[{v}]");
            var nb = g.Neighbors(v);
            for (int k = 1; k < nb.Length; k++) Assert.True(nb[k - 1] < nb[k], $"{name}: neighbours of {v} not strictly ascending");
        }
    }

    [Theory, MemberData(nameof(Cases))]
    public void Clustering_matches_networkx(string name)
    {
        var c = Case("undirected", name);
        var local = Clustering.Local(Graph(c));
        AllClose(Doubles(c, "clustering"), local, name + ".clustering");
        Close(Scalar(c, "avg_clustering"), Clustering.Average(local), name + ".avg_clustering");
    }

    [Theory, MemberData(nameof(Cases))]
    public void Betweenness_matches_networkx_serially_and_in_parallel(string name)
    {
        var c = Case("undirected", name);
        var g = Graph(c);
        var expected = Doubles(c, "betweenness");
        AllClose(expected, Betweenness.Exact(g), name + ".betweenness");
        AllClose(expected, Betweenness.Exact(g, 2), name + ".betweenness(parallel)");
    }

    [Theory, MemberData(nameof(Cases))]
    public void Constraint_and_effective_size_match_networkx(string name)
    {
        var c = Case("undirected", name);
        var g = Graph(c);
        var constraint = new double[g.NodeCount];
        var effective = new double[g.NodeCount];
        StructuralHoles.Compute(g, constraint, effective);
        AllClose(Doubles(c, "constraint"), constraint, name + ".constraint");
        AllClose(Doubles(c, "effective_size"), effective, name + ".effective_size");
    }

    [Theory, MemberData(nameof(Cases))]
    public void Density_centralization_and_components_match(string name)
    {
        var c = Case("undirected", name);
        var g = Graph(c);
        Close(Scalar(c, "density"), Structure.Density(g), name + ".density");
        Close(Scalar(c, "degree_centralization"), Structure.DegreeCentralization(g), name + ".degree_centralization");
        var (components, largest) = Structure.Components(g);
        Assert.Equal(c.GetProperty("components").GetInt32(), components);
        Assert.Equal(c.GetProperty("largest_component").GetInt32(), largest);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Robustness_matches_the_naive_python_definition(string name)
    {
        var c = Case("undirected", name);
        var g = Graph(c);
        var keys = c.GetProperty("keys").EnumerateArray().Select(k => k.GetInt64()).ToArray();
        Close(Scalar(c, "robustness"), Robustness.TargetedAttack(g, keys), name + ".robustness");
        Close(Scalar(c, "robustness"), Robustness.TargetedAttackNaive(g, keys), name + ".robustness(naive)");
    }
}
