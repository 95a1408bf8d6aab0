using Pipeline.Grains.Model;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;

namespace Pipeline.Tests.Input.Fuzz;

/// <summary>
/// The metric tables of a data set computed in this process, unit by unit, through the grains' public compute
/// functions (no engine, no output store): enough to check that any accepted input gives finite outputs.
/// </summary>
public static class InProcessMetrics
{
    public static MetricTables Compute(Dataset data)
    {
        var input = new PartitionedInput(data, new MetricSettings());
        var clusters = new ClusterUnitOutput[data.Clusters.Length];
        var partitions = new FirmPartitionOutput[input.Country.PartitionFirms.Length];
        foreach (var unit in input.Plan)
        {
            switch (unit)
            {
                case ClusterUnit c: clusters[c.Cluster] = ClusterComputation.Compute(input.ClusterInput(c.Cluster), input.Context); break;
                case FirmPartitionUnit p: partitions[p.Partition] = FirmPartitionComputation.Compute(p.Partition, input.Country); break;
            }
        }
        return Aggregation.Compute(data.Clusters, input.Country.Regions, clusters, partitions);
    }
}
