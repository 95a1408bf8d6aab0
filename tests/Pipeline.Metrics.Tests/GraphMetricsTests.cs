using System.Text.Json;
using Pipeline.Metrics.Graphs;
using Xunit;

namespace Pipeline.Metrics.Tests;

/// <summary>Cluster-graph metrics against NetworkX 3.6 on the committed fixtures (relative tolerance 1e-9).</summary>
public class GraphMetricsTests
{
    public static IEnumerable<object[]> Cases => GraphFixtures.UndirectedNames();

    private static (UndirectedGraph Graph, JsonElement Case) Load(string name)
    {
        var c = GraphFixtures.Undirected(name);
        var edges = c.GetProperty("edges").EnumerateArray().ToArray();
        var g = UndirectedGraph.FromEdges(c.GetProperty("n").GetInt32(),
            edges.Select(e => e[0].GetInt32()).ToArray(), edges.Select(e => e[1].GetInt32()).ToArray(), edges.Select(e => e[2].GetDouble()).ToArray());
        return (g, c);
    }

    private static void Each(JsonElement c, string key, Func<int, double> actual)
    {
        var values = c.GetProperty(key).EnumerateArray().ToArray();
        for (int v = 0; v < values.Length; v++) GraphFixtures.AssertClose(GraphFixtures.Nullable(values[v]), actual(v), $"{c.GetProperty("name")}.{key}[{v}]");
    }

    [Theory, MemberData(nameof(Cases))]
    public void Degree_strength_and_edge_count_sum_parallel_edges_in_both_directions(string name)
    {
        var (g, c) = Load(name);
        Each(c, "degree", v => g.Degree(v));
        Each(c, "strength", v => g.Strength(v));
        Assert.Equal(c.GetProperty("links").GetInt32(), g.EdgeCount);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Clustering_matches_networkx(string name)
    {
        var (g, c) = Load(name);
        var local = Clustering.Local(g);
        Each(c, "clustering", v => local[v]);
        GraphFixtures.AssertClose(GraphFixtures.Nullable(c.GetProperty("avg_clustering")), Clustering.Average(local), name + ".avg_clustering");
    }

    [Theory, MemberData(nameof(Cases))]
    public void Betweenness_matches_networkx(string name)
    {
        var (g, c) = Load(name);
        var b = Betweenness.Exact(g);
        Each(c, "betweenness", v => b[v]);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Constraint_and_effective_size_match_networkx(string name)
    {
        var (g, c) = Load(name);
        var constraint = new double[g.NodeCount];
        var effective = new double[g.NodeCount];
        StructuralHoles.Compute(g, constraint, effective);
        Each(c, "constraint", v => constraint[v]);
        Each(c, "effective_size", v => effective[v]);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Structure_matches_networkx(string name)
    {
        var (g, c) = Load(name);
        GraphFixtures.AssertClose(GraphFixtures.Nullable(c.GetProperty("density")), Structure.Density(g), name + ".density");
        GraphFixtures.AssertClose(GraphFixtures.Nullable(c.GetProperty("degree_centralization")), Structure.DegreeCentralization(g), name + ".centralization");
        var (components, largest) = Structure.Components(g);
        Assert.Equal(c.GetProperty("components").GetInt32(), components);
        Assert.Equal(c.GetProperty("largest_component").GetInt32(), largest);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Robustness_matches_the_naive_python_definition(string name)
    {
        var (g, c) = Load(name);
        var keys = c.GetProperty("keys").EnumerateArray().Select(k => k.GetInt64()).ToArray();
        GraphFixtures.AssertClose(GraphFixtures.Nullable(c.GetProperty("robustness")), Robustness.TargetedAttack(g, keys), name + ".robustness");
    }
}
