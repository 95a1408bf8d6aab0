using Pipeline.Metrics.Graphs;
using Xunit;

namespace Pipeline.Metrics.Tests;

/// <summary>Gould–Fernandez counts: a hand-worked example and random graphs against the brute-force enumeration in make_graph_fixtures.py.</summary>
public class BrokerageTests
{
    [Fact]
    public void Hand_worked_example()
    {
        // Groups: 0,1,2 in cluster A (0); 3,4 in cluster B (1); 5 in no cluster (its own group 2).
        // Edges: 0→1, 1→2, 3→1, 1→4, 5→1, 1→5, 0→2.
        // Ego 1 has in {0, 3, 5} and out {2, 4, 5}. Ordered pairs (a, b), a ≠ b, without a→b:
        //   (0,2) skipped: 0→2 exists.   (0,4) A,A,B representative.   (0,5) A,A,own representative.
        //   (3,2) B,A,A gatekeeper.      (3,4) B,A,B itinerant.        (3,5) B,A,own liaison.
        //   (5,2) own,A,A gatekeeper.    (5,4) own,A,B liaison.        (5,5) skipped: a = b.
        int[] group = [0, 0, 0, 1, 1, 2];
        var g = DirectedGraph.FromEdges(6, [0, 1, 3, 1, 5, 1, 0], [1, 2, 1, 4, 1, 5, 2], [1.0, 1, 1, 1, 1, 1, 1]);
        Assert.Equal(new BrokerageCounts(0, 1, 2, 2, 2), Brokerage.ForEgo(g, group, 1));
        // A coordinator: 0→1→2 inside A without 0→2.
        var h = DirectedGraph.FromEdges(3, [0, 1], [1, 2], [1.0, 1]);
        Assert.Equal(new BrokerageCounts(1, 0, 0, 0, 0), Brokerage.ForEgo(h, [0, 0, 0], 1));
    }

    public static IEnumerable<object[]> Cases => GraphFixtures.DirectedNames();

    [Theory, MemberData(nameof(Cases))]
    public void Random_graphs_match_the_brute_force_reference(string name)
    {
        var c = GraphFixtures.Directed(name);
        int n = c.GetProperty("n").GetInt32();
        var edges = c.GetProperty("edges").EnumerateArray().ToArray();
        var g = DirectedGraph.FromEdges(n, edges.Select(e => e[0].GetInt32()).ToArray(), edges.Select(e => e[1].GetInt32()).ToArray(), Enumerable.Repeat(1.0, edges.Length).ToArray());
        var group = c.GetProperty("group").EnumerateArray().Select(x => x.GetInt32()).ToArray();
        var egos = Enumerable.Range(0, n).ToArray();
        var result = new BrokerageCounts[n];
        Brokerage.ForEgos(g, group, egos, result);
        var expected = c.GetProperty("counts").EnumerateArray().ToArray();
        long total = 0;
        for (int v = 0; v < n; v++)
        {
            var e = expected[v];
            Assert.Equal(new BrokerageCounts(e.GetProperty("coordinator").GetInt64(), e.GetProperty("itinerant").GetInt64(),
                e.GetProperty("representative").GetInt64(), e.GetProperty("gatekeeper").GetInt64(), e.GetProperty("liaison").GetInt64()), result[v]);
            total += result[v].Coordinator + result[v].Itinerant + result[v].Representative + result[v].Gatekeeper + result[v].Liaison;
        }
        Assert.True(total > 0);
    }

    [Fact]
    public void Directed_graph_sums_parallel_edges_and_keeps_lists_sorted()
    {
        var g = DirectedGraph.FromEdges(4, [2, 0, 2, 1, 3], [0, 3, 0, 1, 0], [1.0, 2, 3, 4, 5]);
        Assert.Equal([3], g.OutNeighbors(0).ToArray());
        Assert.Equal([0], g.OutNeighbors(2).ToArray());
        Assert.Equal(4.0, g.OutWeights(2)[0]);
        Assert.Equal([2, 3], g.InNeighbors(0).ToArray());
        Assert.Empty(g.OutNeighbors(1).ToArray()); // self-loop dropped
        Assert.True(g.HasEdge(3, 0));
        Assert.False(g.HasEdge(0, 2));
    }
}
