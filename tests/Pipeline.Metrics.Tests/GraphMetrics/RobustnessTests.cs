using Xunit;

namespace Pipeline.Metrics.Tests.GraphMetrics;

/// <summary>Targeted-attack robustness: the lazy max-heap + reverse union–find version equals the naive definition.</summary>
public class RobustnessTests
{
    [Fact]
    public void Fast_equals_naive_exactly_on_many_random_graphs_with_ties()
    {
        for (ulong seed = 0; seed < 150; seed++)
        {
            int n = 1 + (int)(seed % 41), m = (int)(seed * 7 % 130);
            var g = TestGraphs.Random(n, m, seed);
            var keys = TestGraphs.ShuffledKeys(n, seed + 1000);
            Assert.Equal(Robustness.TargetedAttackNaive(g, keys), Robustness.TargetedAttack(g, keys));
        }
        // Regular graphs: every first choice is a tie decided by the keys alone.
        for (ulong seed = 0; seed < 20; seed++)
        {
            int n = 30;
            var edges = Enumerable.Range(0, n).SelectMany(i => new[] { (i, (i + 1) % n), (i, (i + 7) % n) }).ToArray();
            var g = TestGraphs.Unweighted(n, edges);
            var keys = TestGraphs.ShuffledKeys(n, seed);
            Assert.Equal(Robustness.TargetedAttackNaive(g, keys), Robustness.TargetedAttack(g, keys));
        }
    }

    [Fact]
    public void Equal_keys_fall_back_to_the_smaller_node_in_both_versions()
    {
        for (ulong seed = 0; seed < 40; seed++)
        {
            int n = 2 + (int)(seed % 25);
            var g = TestGraphs.Random(n, n * 2, seed);
            var keys = new long[n];                                  // all equal: only node order decides
            Assert.Equal(Robustness.TargetedAttackNaive(g, keys), Robustness.TargetedAttack(g, keys));
        }
    }

    [Fact]
    public void Removal_order_takes_the_highest_current_degree_and_the_smallest_key_on_ties()
    {
        // Path 0-1-2-3-4 with keys making node 3 smallest among the degree-2 nodes 1, 2, 3.
        var g = TestGraphs.Unweighted(5, (0, 1), (1, 2), (2, 3), (3, 4));
        long[] keys = [50, 40, 30, 10, 20];
        // Remove 3 (deg 2, key 10) → degrees 0:1 1:2 2:1 4:0; remove 1 (deg 2) → all 0; then keys: 4 (20), 2 (30), 0 (50).
        Assert.Equal([3, 1, 4, 2, 0], Robustness.RemovalOrder(g, keys));
        // s(Q)·5 after each removal: {0,1,2},{4} → 3; {0},{2},{4} → 1; 1; 1; 0. R = (3+1+1+1+0)/25.
        Assert.Equal(6 / 25.0, Robustness.TargetedAttack(g, keys), 15);
    }

    [Fact]
    public void Star_path_and_empty_hand_values()
    {
        // Star: removing the hub first leaves isolated leaves, s(1..n−1) = 1/n, s(n) = 0: R = (n−1)/n².
        int n = 10;
        var star = TestGraphs.Unweighted(n, Enumerable.Range(1, n - 1).Select(i => (0, i)).ToArray());
        Assert.Equal((n - 1) / (double)(n * n), Robustness.TargetedAttack(star, TestGraphs.ShuffledKeys(n, 3)), 15);
        Assert.True(double.IsNaN(Robustness.TargetedAttack(TestGraphs.Unweighted(0), [])));
        Assert.Equal(0.0, Robustness.TargetedAttack(TestGraphs.Unweighted(1), [7]));
    }

    [Fact]
    public void Large_hub_graph_fast_equals_naive()
    {
        var g = TestGraphs.PreferentialAttachment(600, 2, 8);
        var keys = TestGraphs.ShuffledKeys(600, 8);
        double fast = Robustness.TargetedAttack(g, keys);
        Assert.Equal(Robustness.TargetedAttackNaive(g, keys), fast);
        Assert.InRange(fast, 0.001, 0.5);
    }
}
