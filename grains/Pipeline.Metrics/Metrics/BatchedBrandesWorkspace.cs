using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>
/// Brandes (2001) from <see cref="Lanes"/> sources at once, one source per SIMD lane (AVX-512): the multi-source,
/// level-synchronous BFS of Then et al. ("The More the Merrier", VLDB 2014) carrying, per node, a vector of
/// distances (16 × 16 bits) and path counts σ (16 doubles, <see cref="Lanes16"/>), then the dependency pass level by level
/// backwards. A node is scanned once per distinct level it has among the lanes instead of once per source, and
/// nearby sources (consecutive in BFS order) share most levels, so each neighbour-list scan serves several sources.
/// Per level d, a node v scans its neighbours u once: lanes where u is unseen get distance d + 1 (and u joins level
/// d + 1's list), and σ_v = Σ σ_u over lanes where d_u = d − 1. Backwards, S_v = Σ κ_u over lanes where
/// d_u = d_v + 1, δ_v = σ_v·S_v, κ_v = 1/σ_v + S_v — the same sums as <see cref="BetweennessWorkspace"/>.
/// Distances are 16-bit (65 535 = unseen); a batch whose BFS would go deeper is handed back to the one-source kernel.
/// </summary>
internal sealed class BatchedBrandesWorkspace
{
    /// <summary>Sources per batch: 16 (two 512-bit vectors of σ; 16 beat 8 on the bench graphs).</summary>
    public const int Lanes = 16;

    /// <summary>Largest graph served (160 bytes per node per worker thread); larger ones run one source per pass.</summary>
    public const int MaxNodes = 1 << 18;

    private const ushort Unseen = ushort.MaxValue;

    /// <summary>True when the CPU has AVX-512 (else the one-source kernel runs).</summary>
    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    private Lanes16[] _value = [];      // σ per lane in the BFS, then κ per lane in the dependency pass
    private Vector256<ushort>[] _dist = [];
    private int[] _queued = [];                    // 1 + the last level whose list holds the node; 0 = none
    private int[] _order = [];                     // the levels' node lists, one after another (grows as needed)
    private int[] _levelStart = [];

    [ThreadStatic] private static BatchedBrandesWorkspace? t_cached;

    /// <summary>This thread's workspace, reused across calls (its arrays grow to the largest graph seen).</summary>
    public static BatchedBrandesWorkspace ForCurrentThread() => t_cached ??= new BatchedBrandesWorkspace();

    private void EnsureCapacity(int n)
    {
        if (_dist.Length >= n) return;
        _value = new Lanes16[n];
        _dist = new Vector256<ushort>[n];
        _dist.AsSpan().Fill(Vector256.Create(Unseen));
        _queued = new int[n];
        _order = new int[4 * n + 1];
        _levelStart = new int[n + 2];
    }

    /// <summary>
    /// Adds Σ_b w_b·δ_{s_b}(v) over the batch's sources s_b (at most <see cref="Lanes"/>, distinct) with weights w_b to
    /// <paramref name="acc"/>. O(Σ_v levels(v)·d_v) vector operations; arrays are reset on the way out. Returns false,
    /// having added nothing, when a distance reaches 65 535 (a path that long does not fit the 16-bit lanes): the
    /// caller then runs these sources one by one.
    /// </summary>
    public bool Batch(UndirectedGraph g, ReadOnlySpan<int> sources, ReadOnlySpan<double> weights, double[] acc)
    {
        int n = g.NodeCount;
        EnsureCapacity(n);
        var laneWeights = Lanes16.Zero;
        for (int b = 0; b < sources.Length; b++) laneWeights = laneWeights.With(b, weights[b]);
        int tail = 0;
        for (int b = 0; b < sources.Length; b++)
        {
            int s = sources[b];
            _dist[s] = _dist[s].WithElement(b, (ushort)0);
            _value[s] = _value[s].With(b, 1.0);
            if (_queued[s] == 0) { _queued[s] = 1; _order[tail++] = s; }
        }
        int levels = 0;
        bool fits = true;
        _levelStart[0] = 0;
        while (true)
        {
            _levelStart[levels + 1] = tail;
            if (_levelStart[levels] == tail) break;
            if (levels + 1 >= Unseen) { fits = false; break; }
            if (_order.Length < tail + n + 1)                 // the next level lists each node at most once
                Array.Resize(ref _order, (int)Math.Min(Array.MaxLength, Math.Max(2L * _order.Length, (long)tail + n + 1)));
            tail = Forward(g, levels, _levelStart[levels], tail);
            levels++;
        }
        if (fits)
            for (int d = levels - 1; d >= 1; d--) Backward(g, d, _levelStart[d], _levelStart[d + 1], laneWeights, acc);
        var unseen = Vector256.Create(Unseen);
        for (int i = 0; i < tail; i++)
        {
            int v = _order[i];
            _dist[v] = unseen;
            _value[v] = Lanes16.Zero;
            _queued[v] = 0;
        }
        return fits;
    }

    /// <summary>
    /// Level d: each listed node v pulls σ from its lanes' predecessors (d_u = d − 1) and gives unseen neighbours
    /// distance d + 1, listing them once for level d + 1 (branch-free append).
    /// </summary>
    private unsafe int Forward(UndirectedGraph g, int d, int from, int tail)
    {
        fixed (int* offsets = g.Offsets, targets = g.Targets, order = _order, queued = _queued)
        fixed (Lanes16* value = _value)
        fixed (Vector256<ushort>* dist = _dist)
            return Forward(offsets, targets, order, queued, value, dist, d, from, tail);
    }

    private static unsafe int Forward(int* offsets, int* targets, int* order, int* queued, Lanes16* value,
        Vector256<ushort>* dist, int d, int from, int tail)
    {
        var level = Vector256.Create((ushort)d);
        var previous = Vector256.Create(d == 0 ? Unseen : (ushort)(d - 1));   // level 0 has no predecessors
        var next = Vector256.Create((ushort)(d + 1));
        var unseen = Vector256.Create(Unseen);
        int nextMark = d + 2;
        int t = tail;
        for (int i = from, to = tail; i < to; i++)
        {
            int v = order[i];
            var onLevel = Vector256.Equals(dist[v], level);
            var sigma0 = Lanes16.Zero;
            var sigma1 = Lanes16.Zero;
            int* p = targets + offsets[v], end = targets + offsets[v + 1];
            for (; p + 1 < end; p += 2)
            {
                sigma0 += Visit(value, dist, order, queued, ref t, p[0], onLevel, previous, next, unseen, nextMark);
                sigma1 += Visit(value, dist, order, queued, ref t, p[1], onLevel, previous, next, unseen, nextMark);
            }
            if (p < end) sigma0 += Visit(value, dist, order, queued, ref t, p[0], onLevel, previous, next, unseen, nextMark);
            var sigma = d == 0 ? Lanes16.One : sigma0 + sigma1;
            value[v] = Lanes16.Select(onLevel, sigma, value[v]);
        }
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Lanes16 Visit(Lanes16* value, Vector256<ushort>* dist, int* order, int* queued,
        ref int tail, int u, Vector256<ushort> onLevel, Vector256<ushort> previous, Vector256<ushort> next,
        Vector256<ushort> unseen, int nextMark)
    {
        var du = dist[u];
        var found = Vector256.Equals(du, unseen) & onLevel;
        du = Vector256.ConditionalSelect(found, next, du);
        dist[u] = du;
        int any = found == Vector256<ushort>.Zero ? 0 : 1;
        int mark = queued[u];
        int add = any & (mark != nextMark ? 1 : 0);
        order[tail] = u;
        tail += add;
        queued[u] = add != 0 ? nextMark : mark;
        return Lanes16.Masked(value[u], Vector256.Equals(du, previous) & onLevel);
    }

    /// <summary>
    /// Level d ≥ 1, backwards: each listed node v pulls κ from its lanes' successors (d_u = d + 1), adds
    /// Σ_b w_b σ_v S_v to its sum and stores κ_v = 1/σ_v + S_v in its level-d lanes.
    /// </summary>
    private unsafe void Backward(UndirectedGraph g, int d, int from, int to, Lanes16 laneWeights, double[] acc)
    {
        fixed (int* offsets = g.Offsets, targets = g.Targets, order = _order)
        fixed (Lanes16* value = _value)
        fixed (Vector256<ushort>* dist = _dist)
        fixed (double* result = acc)
            Backward(offsets, targets, order, value, dist, d, from, to, laneWeights, result);
    }

    private static unsafe void Backward(int* offsets, int* targets, int* order, Lanes16* value,
        Vector256<ushort>* dist, int d, int from, int to, Lanes16 laneWeights, double* result)
    {
        var level = Vector256.Create((ushort)d);
        var next = Vector256.Create((ushort)(d + 1));
        for (int i = from; i < to; i++)
        {
            int v = order[i];
            var onLevel = Vector256.Equals(dist[v], level);
            var sum0 = Lanes16.Zero;
            var sum1 = Lanes16.Zero;
            int* p = targets + offsets[v], end = targets + offsets[v + 1];
            for (; p + 1 < end; p += 2)
            {
                sum0 += Lanes16.Masked(value[p[0]], Vector256.Equals(dist[p[0]], next) & onLevel);
                sum1 += Lanes16.Masked(value[p[1]], Vector256.Equals(dist[p[1]], next) & onLevel);
            }
            if (p < end) sum0 += Lanes16.Masked(value[p[0]], Vector256.Equals(dist[p[0]], next) & onLevel);
            var sum = sum0 + sum1;
            var sigma = value[v];
            var mask = onLevel;
            result[v] += Lanes16.Sum(Lanes16.Masked(sigma * sum * laneWeights, mask));
            value[v] = Lanes16.Select(mask, Lanes16.Reciprocal(sigma) + sum, sigma);
        }
    }

}
