namespace Pipeline.Metrics.Graphs;

/// <summary>
/// An edge list that <see cref="UndirectedGraph"/> and <see cref="DirectedGraph"/> read in place, so a caller with
/// its own edge records (say 59 M links) need not copy them into source, target and weight arrays first.
/// </summary>
public interface IEdgeList
{
    /// <summary>Number of edge slots, 0..Count−1.</summary>
    int Count { get; }

    /// <summary>Edge <paramref name="e"/>'s ends and weight; false leaves the edge out of the graph.</summary>
    bool TryGet(int e, out int source, out int target, out double weight);
}

/// <summary>An <see cref="IEdgeList"/> over three aligned spans (every edge included).</summary>
public readonly ref struct SpanEdges(ReadOnlySpan<int> source, ReadOnlySpan<int> target, ReadOnlySpan<double> weight) : IEdgeList
{
    private readonly ReadOnlySpan<int> _source = source, _target = target;
    private readonly ReadOnlySpan<double> _weight = weight;

    public int Count => _source.Length;

    public bool TryGet(int e, out int source, out int target, out double weight)
    {
        source = _source[e]; target = _target[e]; weight = _weight[e];
        return true;
    }
}
