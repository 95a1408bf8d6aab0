namespace Pipeline.Metrics;

/// <summary>Union–find with path halving and union by size: near-constant amortised time per operation.</summary>
internal sealed class DisjointSets
{
    private readonly int[] _parent;
    private readonly int[] _size;

    public DisjointSets(int n)
    {
        _parent = new int[n];
        _size = new int[n];
        for (int i = 0; i < n; i++) { _parent[i] = i; _size[i] = 1; }
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    /// <summary>Joins the sets of a and b; returns the size of the joined set.</summary>
    public int Union(int a, int b)
    {
        a = Find(a); b = Find(b);
        if (a == b) return _size[a];
        if (_size[a] < _size[b]) (a, b) = (b, a);
        _parent[b] = a;
        _size[a] += _size[b];
        return _size[a];
    }

    /// <summary>Size of the set whose root is <paramref name="root"/>.</summary>
    public int SizeOf(int root) => _size[root];
}
