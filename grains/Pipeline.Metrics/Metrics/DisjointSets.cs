namespace Pipeline.Metrics;

/// <summary>Union–find with path halving and union by size: near-constant amortised time per operation.</summary>
internal sealed class DisjointSets
{
    private readonly int[] _parent;
    private readonly int[] _size;

    public DisjointSets(int n) : this(n, new int[n], new int[n])
    {
    }

    /// <summary>
    /// Sets over 0..n−1 kept in the caller's arrays (at least n long, e.g. per-thread <see cref="Scratch"/> slots):
    /// they are overwritten here and belong to these sets until the caller's kernel call ends.
    /// </summary>
    public DisjointSets(int n, int[] parent, int[] size)
    {
        _parent = parent;
        _size = size;
        for (int i = 0; i < n; i++) { _parent[i] = i; _size[i] = 1; }
    }

    /// <summary>Sets over 0..n−1 in this thread's scratch slots <paramref name="parentSlot"/> and <paramref name="sizeSlot"/>.</summary>
    public static DisjointSets InScratch(int n, int parentSlot, int sizeSlot) =>
        new(n, Scratch.Ints(parentSlot, n), Scratch.Ints(sizeSlot, n));

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
