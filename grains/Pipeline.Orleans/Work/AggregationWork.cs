using Pipeline.Grains.Units;

namespace Pipeline.Orleans.Work;

/// <summary>
/// The aggregation's input in the run's work store: the <see cref="AggregationInput"/>, the location of the run's
/// output (where the metric tables are written), and the content keys of the unit outputs it reads, clusters in input
/// order and firm partitions in partition order (the order the aggregation sums them in).
/// </summary>
public sealed record AggregationWork(AggregationInput Input, string OutputLocation, IReadOnlyList<string> ClusterKeys, IReadOnlyList<string> PartitionKeys);
