namespace Pipeline.Metrics.Graphs;

/// <summary>
/// A directed, weighted, simple graph in CSR form with out- and in-adjacency (the contract's supply graph: u→v when a
/// supply or subcontract link has src u and dst v; weight = the sum). Neighbour lists are sorted ascending, so
/// <see cref="HasEdge"/> is a binary search.
/// </summary>
public sealed class DirectedGraph
{
    private readonly int[] _outOffsets, _outTargets, _inOffsets, _inSources;
    private readonly double[] _outWeights, _inWeights;

    private DirectedGraph(int[] outOffsets, int[] outTargets, double[] outWeights)
    {
        _outOffsets = outOffsets;
        _outTargets = outTargets;
        _outWeights = outWeights;
        int n = outOffsets.Length - 1, entries = outOffsets[n]; // the arrays may be longer (untrimmed, see CsrBuilder)
        // Transpose: scanning sources in ascending order leaves every in-list sorted.
        _inOffsets = new int[n + 1];
        foreach (var t in outTargets.AsSpan(0, entries)) _inOffsets[t + 1]++;
        for (int i = 0; i < n; i++) _inOffsets[i + 1] += _inOffsets[i];
        _inSources = new int[entries];
        _inWeights = new double[entries];
        var fill = (int[])_inOffsets.Clone();
        for (int u = 0; u < n; u++)
            for (int p = outOffsets[u]; p < outOffsets[u + 1]; p++)
            {
                int q = fill[outTargets[p]]++;
                _inSources[q] = u;
                _inWeights[q] = outWeights[p];
            }
    }

    /// <summary>Builds the graph from an edge list (parallel edges summed, self-loops dropped).</summary>
    public static DirectedGraph FromEdges(int nodeCount, ReadOnlySpan<int> source, ReadOnlySpan<int> target, ReadOnlySpan<double> weight)
    {
        var (offsets, targets, weights) = CsrBuilder.Build(nodeCount, source, target, weight, symmetric: false);
        return new DirectedGraph(offsets, targets, weights);
    }

    /// <summary>The same from an <see cref="IEdgeList"/> read in place: no copy of a large edge list into three arrays.</summary>
    public static DirectedGraph FromEdges<TEdges>(int nodeCount, TEdges edges) where TEdges : IEdgeList, allows ref struct
    {
        var (offsets, targets, weights) = CsrBuilder.Build(nodeCount, edges, symmetric: false);
        return new DirectedGraph(offsets, targets, weights);
    }

    public int NodeCount => _outOffsets.Length - 1;
    public long EdgeCount => _inSources.Length;

    public ReadOnlySpan<int> OutNeighbors(int node) => _outTargets.AsSpan(_outOffsets[node], _outOffsets[node + 1] - _outOffsets[node]);
    public ReadOnlySpan<double> OutWeights(int node) => _outWeights.AsSpan(_outOffsets[node], _outOffsets[node + 1] - _outOffsets[node]);
    public ReadOnlySpan<int> InNeighbors(int node) => _inSources.AsSpan(_inOffsets[node], _inOffsets[node + 1] - _inOffsets[node]);
    public ReadOnlySpan<double> InWeights(int node) => _inWeights.AsSpan(_inOffsets[node], _inOffsets[node + 1] - _inOffsets[node]);

    /// <summary>True if the edge <paramref name="source"/>→<paramref name="target"/> exists.</summary>
    public bool HasEdge(int source, int target) => OutNeighbors(source).BinarySearch(target) >= 0;
}
