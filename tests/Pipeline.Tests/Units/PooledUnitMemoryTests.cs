using Pipeline.Grains.Input;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Scenarios;
using Pipeline.Grains.Units;
using Pipeline.Storage;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Scenarios;
using Xunit;

namespace Pipeline.Tests.Units;

/// <summary>
/// A cluster unit's working memory is pooled: its input is cut into reused arrays (given back by Dispose) and its
/// graph and per-firm metric arrays are the worker thread's scratch. Whatever ran before on the thread, and whether the
/// input views pooled or plain arrays, a unit's output is the same, and nothing of the pooled memory is in it.
/// </summary>
public class PooledUnitMemoryTests
{
    private static async Task<PartitionedInput> FixtureInput()
    {
        var read = await DatasetReader.ReadAsync(new LocalFolderStore(FixtureRun.InputFolder));
        var settings = new MetricSettings { UserScenarios = ScenarioFile.Read(ScenarioFixtureTests.Paths("e2e").Scenarios) };
        return new PartitionedInput(read.Dataset, settings);
    }

    /// <summary>The same input over plain arrays of its own (no pool).</summary>
    private static ClusterUnitInput Plain(ClusterUnitInput c) => new()
    {
        Cluster = c.Cluster, Firms = c.Firms.ToArray(), Links = c.Links.ToArray(), OutsideSales = c.OutsideSales.ToArray(),
        BoundaryWeight = c.BoundaryWeight, BoundaryForeignWeight = c.BoundaryForeignWeight, BoundarySupplyInWeight = c.BoundarySupplyInWeight,
        EmploymentByYear = c.EmploymentByYear,
    };

    private static void AssertSameOutput(ClusterUnitOutput expected, ClusterUnitOutput actual)
    {
        Assert.Equal(expected.Firms, actual.Firms);
        Assert.Equal(expected.Row, actual.Row);
        Assert.Equal(expected.Betweenness, actual.Betweenness);
        Assert.Equal(expected.Scenarios, actual.Scenarios);
        Assert.Equal(expected.Composition.EmploymentByIndustry.OrderBy(e => e.Key), actual.Composition.EmploymentByIndustry.OrderBy(e => e.Key));
    }

    [Fact]
    public async Task Units_give_the_same_output_from_pooled_and_plain_inputs_in_any_order_on_one_thread()
    {
        var input = await FixtureInput();
        int clusters = input.Data.Clusters.Length;
        Assert.True(clusters >= 3);
        // Ascending from pooled cuts (each disposed after its unit), then descending from plain copies: the thread's
        // scratch and the pooled arrays are dirty from other clusters every time.
        var pooled = new ClusterUnitOutput[clusters];
        for (int c = 0; c < clusters; c++)
        {
            using var cut = input.ClusterInput(c);
            pooled[c] = ClusterComputation.Compute(cut, input.Context);
        }
        for (int c = clusters - 1; c >= 0; c--)
        {
            ClusterUnitInput plain;
            using (var cut = input.ClusterInput(c)) plain = Plain(cut);
            AssertSameOutput(ClusterComputation.Compute(plain, input.Context), pooled[c]);
            AssertSameOutput(ClusterComputation.Compute(plain, input.Context, maxDegreeOfParallelism: 2), pooled[c]);
        }
    }

    [Fact]
    public async Task A_disposed_input_cannot_be_read_and_its_arrays_serve_the_next_cut_with_the_same_content()
    {
        var input = await FixtureInput();
        var first = input.ClusterInput(0);
        var copy = Plain(first);
        Assert.True(copy.Firms.Length > 0 && copy.Links.Length > 0);
        first.Dispose();
        first.Dispose();                                            // idempotent
        // A unit retried on a given-back input must fail, not compute an empty cluster.
        Assert.Throws<ObjectDisposedException>(() => first.Firms);
        Assert.Throws<ObjectDisposedException>(() => first.Links);
        Assert.Throws<ObjectDisposedException>(() => first.OutsideSales);
        Assert.Throws<ObjectDisposedException>(() => ClusterComputation.Compute(first, input.Context));
        copy.Dispose();                                             // plain arrays: nothing to give back, still readable
        Assert.True(copy.Firms.Length > 0);

        using (input.ClusterInput(1)) { }                           // the arrays go through another cluster
        using var again = input.ClusterInput(0);
        Assert.Equal(copy.Firms.ToArray(), again.Firms.ToArray());
        Assert.Equal(copy.Links.ToArray(), again.Links.ToArray());
        Assert.Equal(copy.OutsideSales.ToArray(), again.OutsideSales.ToArray());
    }
}
