using Pipeline.Metrics.Graphs;

namespace Pipeline.Grains.Units;

/// <summary>
/// The compact country-wide indexes that firm partition units read (never write): per firm its id, cluster,
/// foreign flag and brokerage group; the tie graph (all links, any kind, both directions, weights summed per pair);
/// the supply graph; and the region of each cluster.
/// </summary>
public sealed class CountryIndex
{
    public required long[] FirmIds { get; init; }
    /// <summary>Cluster index per firm, -1 for none.</summary>
    public required int[] ClusterOf { get; init; }
    public required bool[] Foreign { get; init; }
    /// <summary>Gould–Fernandez group per firm: its cluster index, or a group of its own (clusters + firm index) when in no cluster.</summary>
    public required int[] Group { get; init; }
    public required UndirectedGraph Ties { get; init; }
    public required DirectedGraph Supply { get; init; }
    public required RegionIndex Regions { get; init; }
    /// <summary>Firm indices of each firm partition (by hash of firm_id), ascending.</summary>
    public required int[][] PartitionFirms { get; init; }
}
