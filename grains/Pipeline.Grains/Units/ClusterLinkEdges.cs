using Pipeline.Metrics.Graphs;

namespace Pipeline.Grains.Units;

/// <summary>
/// A cluster's internal links read in place as the cluster graph's edge list (every link, in input order), so the graph
/// is built without copying the links into source, target and weight arrays first.
/// </summary>
internal readonly ref struct ClusterLinkEdges(ReadOnlySpan<ClusterLink> links) : IEdgeList
{
    private readonly ReadOnlySpan<ClusterLink> _links = links;

    public int Count => _links.Length;

    public bool TryGet(int e, out int source, out int target, out double weight)
    {
        ref readonly var l = ref _links[e];
        source = l.Source; target = l.Target; weight = l.Weight;
        return true;
    }
}
