using Pipeline.Metrics.Graphs;
using Xunit;

namespace Pipeline.Metrics.Tests;

/// <summary>Properties that must hold on any input: fast = naive, parallel = serial, decomposition identities.</summary>
public class PropertyTests
{
    private static UndirectedGraph Random(int n, int m, int seed, out long[] keys)
    {
        var rng = new System.Random(seed);
        var s = new int[m]; var t = new int[m]; var w = new double[m];
        for (int i = 0; i < m; i++)
        {
            // a few hubs so that degree ties and cascades happen
            s[i] = rng.Next(4) == 0 ? rng.Next(Math.Min(n, 3)) : rng.Next(n);
            t[i] = rng.Next(n);
            w[i] = 1 + rng.Next(5);
        }
        keys = Enumerable.Range(0, n).Select(_ => (long)rng.Next(1_000_000)).Distinct().ToArray();
        while (keys.Length < n) keys = [.. keys, keys.Max() + 1];
        return UndirectedGraph.FromEdges(n, s, t, w);
    }

    [Fact]
    public void Robustness_fast_equals_naive_on_random_graphs()
    {
        for (int seed = 0; seed < 60; seed++)
        {
            int n = 1 + seed % 37, m = seed * 2 % 90;
            var g = Random(n, m, seed, out var keys);
            Assert.Equal(Robustness.TargetedAttackNaive(g, keys), Robustness.TargetedAttack(g, keys), 15);
        }
    }

    [Fact]
    public void Robustness_of_a_star_is_one_over_n_squared()
    {
        // Removing the hub first leaves isolated leaves: s(1) = … = s(n−1) = 1/n, s(n) = 0, so R = (n−1)/n².
        int n = 10;
        var g = UndirectedGraph.FromEdges(n, Enumerable.Repeat(0, n - 1).ToArray(), Enumerable.Range(1, n - 1).ToArray(), Enumerable.Repeat(1.0, n - 1).ToArray());
        Assert.Equal((n - 1) / (double)(n * n), Robustness.TargetedAttack(g, Enumerable.Range(0, n).Select(i => (long)i).ToArray()), 15);
    }

    [Fact]
    public void Betweenness_is_identical_bit_for_bit_whatever_the_parallelism()
    {
        var g = Random(400, 1600, 3, out _);
        var serial = Betweenness.Exact(g, 1);
        var parallel = Betweenness.Exact(g, 4);
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public void Betweenness_of_a_path_and_a_cycle_are_the_hand_values()
    {
        // Path 0-1-2-3-4: node i lies on i(4−i) unordered pairs; normalised by (n−1)(n−2)/2 = 6.
        var path = UndirectedGraph.FromEdges(5, [0, 1, 2, 3], [1, 2, 3, 4], [1.0, 1, 1, 1]);
        var b = Betweenness.Exact(path);
        double[] hand = [0, 3 / 6.0, 4 / 6.0, 3 / 6.0, 0];
        for (int i = 0; i < 5; i++) Assert.Equal(hand[i], b[i], 14);
        // A cycle is vertex-transitive: every node has the same betweenness.
        var cycle = UndirectedGraph.FromEdges(7, [0, 1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6, 0], Enumerable.Repeat(1.0, 7).ToArray());
        var c = Betweenness.Exact(cycle);
        Assert.All(c, x => Assert.Equal(c[0], x, 12));
        Assert.True(c[0] > 0);
    }

    [Fact]
    public void Betweenness_estimate_is_seeded_and_close_to_exact_on_a_large_graph()
    {
        var g = Random(3000, 9000, 11, out _);
        var exact = Betweenness.Exact(g, 2);
        var a = Betweenness.Estimate(g, 300, 42, 2);
        var b = Betweenness.Estimate(g, 300, 42, 1);
        Assert.Equal(a, b);
        Assert.NotEqual(a, Betweenness.Estimate(g, 300, 43, 2));
        // 10% of the nodes as pivots: the total absolute error stays well under half the total betweenness, and the
        // largest values (the brokers analysts look at) are within 10% of the maximum.
        double totalError = exact.Zip(a).Sum(p => Math.Abs(p.First - p.Second));
        Assert.True(totalError < 0.5 * exact.Sum(), $"total abs error {totalError:E3} vs total {exact.Sum():E3}");
        double maxError = exact.Zip(a).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(maxError < 0.1 * exact.Max(), $"max abs error {maxError:E3} vs max {exact.Max():E3}");
        var topExact = Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i]).Take(10).ToHashSet();
        var topEstimate = Enumerable.Range(0, a.Length).OrderByDescending(i => a[i]).Take(10);
        int overlap = topEstimate.Count(topExact.Contains);
        Assert.True(overlap >= 5, $"top-10 overlap {overlap}"); // measured: 6 of 10 (near-ties below the three hubs)
    }

    [Fact]
    public void Variety_equals_related_plus_unrelated_variety()
    {
        var rng = new System.Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            int k = 1 + rng.Next(30);
            var codes = Enumerable.Range(0, k).Select(_ => $"{rng.Next(10, 14)}{rng.Next(0, 20):D2}").ToArray();
            var emp = codes.Select(_ => (double)rng.Next(0, 500)).ToArray();
            var (v, r, u) = Diversity.Compute(codes, emp);
            if (emp.Sum() == 0) { Assert.True(double.IsNaN(v)); continue; }
            Assert.Equal(v, r + u, 12);
            Assert.True(r >= -1e-15 && u >= -1e-15);
        }
    }

    [Fact]
    public void Variety_hand_example()
    {
        // Shares 0.5 (1952), 0.25 (1953), 0.25 (2927): variety 1.5 bits; divisions 19 (0.75) and 29 (0.25).
        var (v, r, u) = Diversity.Compute(["1952", "1953", "2927"], [50, 25, 25]);
        Assert.Equal(1.5, v, 12);
        double unrelated = -(0.75 * Math.Log2(0.75) + 0.25 * Math.Log2(0.25));
        Assert.Equal(unrelated, u, 12);
        Assert.Equal(0.75 * -((2 / 3.0) * Math.Log2(2 / 3.0) + (1 / 3.0) * Math.Log2(1 / 3.0)), r, 12);
    }

    [Fact]
    public void Concentration_and_dependence_hand_values()
    {
        Assert.Equal(0.25 * 0.25 * 2 + 0.5 * 0.5, Concentration.Hhi([1, 1, 2]), 12);
        Assert.Equal(1.0, Concentration.Cr4([1, 1, 2]), 12);
        Assert.Equal((5 + 4 + 3 + 2) / 15.0, Concentration.Cr4([1, 2, 3, 4, 5]), 12);
        Assert.True(double.IsNaN(Concentration.Hhi([0, 0])));
        Assert.Equal(0.6, Dependence.TopCustomerShare([6, 3, 1]), 12);
        Assert.Equal(0.36 + 0.09 + 0.01, Dependence.CustomerHhi([6, 3, 1]), 12);
        Assert.True(double.IsNaN(Dependence.TopCustomerShare([])));
    }

    [Fact]
    public void Resilience_index_follows_martin()
    {
        // Cluster falls 20%, nation 10%: (−0.2 − −0.1)/0.1 = −1.
        Assert.Equal(-1.0, Resilience.Index(100, 80, 1000, 900), 12);
        Assert.Equal(0.5, Resilience.Index(100, 115, 1000, 1100), 12);
        Assert.True(double.IsNaN(Resilience.Index(0, 10, 100, 90)));
        Assert.True(double.IsNaN(Resilience.Index(10, 10, 100, 100)));
    }

    [Fact]
    public void Lifecycle_rules()
    {
        int[] founded = [2000, 2005, 2008, 2010, 2011, 2013];
        Assert.Equal(4.0, Lifecycle.MedianFirmAge(founded, 2012), 12); // 2013 not counted; ages 12, 7, 4, 2, 1 → median 4
        Assert.Equal(5.5, Lifecycle.MedianFirmAge([2000, 2005, 2008, 2010], 2012), 12); // ages 12, 7, 4, 2 → (7 + 4) / 2
        Assert.Equal(0.6, Lifecycle.EntryRate5y(founded, 2012), 12);     // 2008, 2010, 2011 of 5 firms
        Assert.Equal("declining", Lifecycle.Classify(0.5, -0.2, 3));
        Assert.Equal("emerging", Lifecycle.Classify(0.5, 0.0, 3));
        Assert.Equal("growing", Lifecycle.Classify(0.2, 0.0, 20));
        Assert.Equal("mature", Lifecycle.Classify(0.05, 0.02, 20));
        Assert.Null(Lifecycle.Classify(double.NaN, double.NaN, double.NaN));
    }
}
