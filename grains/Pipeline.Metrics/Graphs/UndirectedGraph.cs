namespace Pipeline.Metrics.Graphs;

/// <summary>
/// An undirected, weighted, simple graph in compressed sparse row form (the contract's cluster graph): nodes
/// 0..NodeCount−1, an edge {u, v} for every pair joined by at least one input edge in either direction, its weight
/// the sum of those edges' weights, no self-loops, each neighbour list sorted ascending. Each edge is stored in both
/// endpoints' rows (offsets, targets, weights arrays), and node strengths are precomputed.
/// </summary>
public sealed class UndirectedGraph
{
    private readonly int[] _offsets;
    private readonly int[] _targets;
    private readonly double[] _weights;
    private readonly double[] _strength;
    private readonly int _nodeCount, _entries; // the arrays may be longer (pooled, see RenumberScratch; untrimmed, see CsrBuilder)

    private UndirectedGraph(int[] offsets, int[] targets, double[] weights)
        : this(offsets, targets, weights, new double[offsets.Length - 1], offsets.Length - 1, offsets[^1])
    {
    }

    /// <summary>A graph over the first <paramref name="nodeCount"/> rows of possibly longer (pooled) arrays; fills <paramref name="strength"/>.</summary>
    private UndirectedGraph(int[] offsets, int[] targets, double[] weights, double[] strength, int nodeCount, int entries)
    {
        _offsets = offsets;
        _targets = targets;
        _weights = weights;
        _strength = strength;
        _nodeCount = nodeCount;
        _entries = entries;
        for (int v = 0; v < nodeCount; v++)
        {
            double s = 0;
            for (int p = offsets[v]; p < offsets[v + 1]; p++) s += weights[p];
            _strength[v] = s;
        }
    }

    /// <summary>
    /// Builds the graph from an edge list: {u, v} for every pair joined by at least one input edge in either direction,
    /// weight = the sum of those edges' weights; self-loops dropped; neighbour lists sorted ascending. Counting pass,
    /// fill pass, then each row sorted and merged: O(N + E log d_max), no per-edge allocation. Throws on a node outside
    /// 0..nodeCount−1 or spans of different lengths.
    /// </summary>
    public static UndirectedGraph FromEdges(int nodeCount, ReadOnlySpan<int> source, ReadOnlySpan<int> target, ReadOnlySpan<double> weight)
    {
        var (offsets, targets, weights) = CsrBuilder.Build(nodeCount, source, target, weight, symmetric: true);
        return new UndirectedGraph(offsets, targets, weights);
    }

    /// <summary>The same from an <see cref="IEdgeList"/> read in place: no copy of a large edge list into three arrays.</summary>
    public static UndirectedGraph FromEdges<TEdges>(int nodeCount, TEdges edges) where TEdges : IEdgeList, allows ref struct
    {
        var (offsets, targets, weights) = CsrBuilder.Build(nodeCount, edges, symmetric: true);
        return new UndirectedGraph(offsets, targets, weights);
    }

    /// <summary>
    /// The same built into the caller's reusable <paramref name="buffers"/> (no graph memory allocated once they are
    /// large enough): the graph shares the buffers' arrays and is valid until the next build into them — the caller
    /// owns both and must not let the graph outlive that (see <see cref="GraphBuffers"/>). Same rows, same values.
    /// </summary>
    public static UndirectedGraph FromEdges<TEdges>(int nodeCount, TEdges edges, GraphBuffers buffers) where TEdges : IEdgeList, allows ref struct
    {
        var (offsets, targets, weights) = CsrBuilder.Build(nodeCount, edges, symmetric: true, buffers);
        return new UndirectedGraph(offsets, targets, weights, buffers.Strength, nodeCount, offsets[nodeCount]);
    }

    /// <summary>Number of nodes; they are 0..NodeCount−1.</summary>
    public int NodeCount => _nodeCount;

    /// <summary>Number of undirected edges.</summary>
    public int EdgeCount => _entries / 2;

    /// <summary>The node's neighbours, ascending, without repeats.</summary>
    public ReadOnlySpan<int> Neighbors(int node) => _targets.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);

    /// <summary>The summed edge weights, aligned with <see cref="Neighbors"/>.</summary>
    public ReadOnlySpan<double> Weights(int node) => _weights.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);

    /// <summary>Number of neighbours.</summary>
    public int Degree(int node) => _offsets[node + 1] - _offsets[node];

    /// <summary>Sum of the weights of the node's edges.</summary>
    public double Strength(int node) => _strength[node];

    /// <summary>The largest degree, 0 for an empty graph.</summary>
    public int MaxDegree()
    {
        int max = 0;
        for (int v = 0; v < NodeCount; v++) max = Math.Max(max, Degree(v));
        return max;
    }

    /// <summary>
    /// The same graph with nodes renumbered in breadth-first order: each component from its highest-degree node
    /// (components in order of that node's degree, then id), neighbours taken in row order. Nodes close in the graph
    /// get close numbers, so a run of consecutive numbers is a set of nearby sources. O(n log n + m).
    /// </summary>
    /// <remarks>
    /// The copy and <paramref name="rank"/> live in this thread's <see cref="RenumberScratch"/> (arrays may be longer
    /// than the graph): valid until this thread renumbers another graph.
    /// </remarks>
    internal UndirectedGraph RenumberedByBfs(out int[] rank)
    {
        int n = NodeCount;
        var scratch = RenumberScratch.ForCurrentThread(n, _entries);
        var byDegree = scratch.ByDegree;
        var keys = scratch.Keys;
        for (int v = 0; v < n; v++) { byDegree[v] = v; keys[v] = ((long)(int.MaxValue - Degree(v)) << 32) | (uint)v; }
        keys.AsSpan(0, n).Sort(byDegree.AsSpan(0, n));
        var order = scratch.Order;
        var seen = scratch.Seen;
        int tail = 0;
        for (int r = 0; r < n; r++)
        {
            int root = byDegree[r];
            if (seen[root]) continue;
            seen[root] = true;
            int head = tail;
            order[tail++] = root;
            while (head < tail)
            {
                int v = order[head++];
                for (int p = _offsets[v]; p < _offsets[v + 1]; p++)
                {
                    int u = _targets[p];
                    if (seen[u]) continue;
                    seen[u] = true;
                    order[tail++] = u;
                }
            }
        }
        return Renumbered(scratch, out rank);
    }

    /// <summary>The graph with node order[i] renumbered i (rank[order[i]] = i); rows keep their order, renumbered.</summary>
    private UndirectedGraph Renumbered(RenumberScratch scratch, out int[] rank)
    {
        int n = NodeCount;
        var order = scratch.Order;
        rank = scratch.Rank;
        for (int i = 0; i < n; i++) rank[order[i]] = i;
        var offsets = scratch.Offsets;
        var targets = scratch.Targets;
        var weights = scratch.Weights;
        offsets[0] = 0;
        for (int i = 0; i < n; i++)
        {
            int v = order[i], from = _offsets[v], degree = _offsets[v + 1] - from;
            offsets[i + 1] = offsets[i] + degree;
            for (int k = 0; k < degree; k++) targets[offsets[i] + k] = rank[_targets[from + k]];
            Array.Copy(_weights, from, weights, offsets[i], degree);
        }
        return new UndirectedGraph(offsets, targets, weights, scratch.Strength, n, _entries);
    }

    internal int[] Offsets => _offsets;
    internal int[] Targets => _targets;
    internal double[] EdgeWeights => _weights;
}
