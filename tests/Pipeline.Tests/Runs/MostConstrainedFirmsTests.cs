using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;
using Pipeline.Metrics;
using Xunit;

namespace Pipeline.Tests.Runs;

/// <summary>The one-pass top-k of the run summary picks the same firms, in the same order, as a full sort.</summary>
public class MostConstrainedFirmsTests
{
    [Theory]
    [InlineData(0, 5)]
    [InlineData(3, 5)]
    [InlineData(1000, 5)]
    [InlineData(1000, 1)]
    public void Top_k_equals_a_full_sort(int count, int k)
    {
        var random = new Random(count * 31 + k);
        var firms = Enumerable.Range(0, count).Select(i => Row(1000 - i,
            random.Next(5) == 0 ? double.NaN : random.Next(20) / 10.0)).ToArray(); // many ties and nulls
        var expected = firms.Where(f => !double.IsNaN(f.Cluster.Constraint))
            .OrderByDescending(f => f.Cluster.Constraint).ThenBy(f => f.Cluster.FirmId).Take(k).ToArray();
        Assert.Equal(expected, MostConstrainedFirms.Top(firms, k));
    }

    private static FirmMetricsRow Row(long firmId, double constraint) => new(
        new FirmClusterMetrics(firmId, "C", "P", 2, 1, 0, 0, constraint, 1, 1),
        new FirmSupplyMetrics(firmId, 0, 0, 0, 0, new BrokerageCounts(0, 0, 0, 0, 0)));
}
