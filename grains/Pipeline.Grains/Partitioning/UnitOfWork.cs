namespace Pipeline.Grains.Partitioning;

/// <summary>A unit of work of a run, as an engine schedules it: a serialisable descriptor with an estimated cost.</summary>
public abstract record UnitOfWork(string UnitId, double Cost);

/// <summary>Computes one cluster (cluster index into the data set's sorted clusters).</summary>
public sealed record ClusterUnit(string UnitId, double Cost, int Cluster, string ClusterId, int Firms) : UnitOfWork(UnitId, Cost);

/// <summary>Computes one firm partition (hash of firm_id modulo <see cref="Partitions"/>).</summary>
public sealed record FirmPartitionUnit(string UnitId, double Cost, int Partition, int Partitions) : UnitOfWork(UnitId, Cost);
