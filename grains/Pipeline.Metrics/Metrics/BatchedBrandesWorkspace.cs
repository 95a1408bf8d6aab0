using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>
/// Brandes (2001) from <see cref="Lanes"/> sources at once, one source per SIMD lane (AVX-512): the multi-source,
/// level-synchronous BFS of Then et al. ("The More the Merrier", VLDB 2014) carrying, per node, a vector of
/// distances (8 × 16 bits) and a vector of path counts σ (8 doubles), then the dependency pass level by level
/// backwards. A node is scanned once per distinct level it has among the lanes instead of once per source, and
/// nearby sources (consecutive in BFS order) share most levels, so each neighbour-list scan serves several sources.
/// Per level d, a node v scans its neighbours u once: lanes where u is unseen get distance d + 1 (and u joins level
/// d + 1's list), and σ_v = Σ σ_u over lanes where d_u = d − 1. Backwards, S_v = Σ κ_u over lanes where
/// d_u = d_v + 1, δ_v = σ_v·S_v, κ_v = 1/σ_v + S_v — the same sums as <see cref="BetweennessWorkspace"/>.
/// Distances are stored modulo 65 535 (65 535 = unseen): a lane compares only neighbour levels d − 1, d, d + 1, and
/// two lanes of one node differ by less than n ≤ <see cref="MaxNodes"/>, so no two levels alias.
/// </summary>
internal sealed class BatchedBrandesWorkspace
{
    /// <summary>Sources per batch: one per 64-bit lane of a 512-bit vector.</summary>
    public const int Lanes = 8;

    /// <summary>Largest graph the 16-bit distance lanes can serve without aliasing.</summary>
    public const int MaxNodes = Unseen;

    private const ushort Unseen = ushort.MaxValue;

    /// <summary>True when the CPU has AVX-512 (else the one-source kernel runs).</summary>
    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    private Vector512<double>[] _value = [];      // σ per lane in the BFS, then κ per lane in the dependency pass
    private Vector128<ushort>[] _dist = [];
    private int[] _queued = [];                    // 1 + the last level whose list holds the node; 0 = none
    private int[] _order = [];                     // the levels' node lists, one after another
    private int[] _levelStart = [];

    private void EnsureCapacity(int n)
    {
        if (_dist.Length >= n) return;
        _value = new Vector512<double>[n];
        _dist = new Vector128<ushort>[n];
        _dist.AsSpan().Fill(Vector128.Create(Unseen));
        _queued = new int[n];
        _order = new int[(long)n * Lanes + 1 > int.MaxValue ? int.MaxValue : n * Lanes + 1];
        _levelStart = new int[n + 2];
    }

    /// <summary>
    /// Adds Σ_b w_b·δ_{s_b}(v) over the batch's sources s_b (at most <see cref="Lanes"/>, distinct) with weights w_b to
    /// <paramref name="acc"/>. O(Σ_v levels(v)·d_v) vector operations; arrays are reset on the way out.
    /// </summary>
    public unsafe void Batch(UndirectedGraph g, ReadOnlySpan<int> sources, ReadOnlySpan<double> weights, double[] acc)
    {
        int n = g.NodeCount;
        EnsureCapacity(n);
        var laneWeights = Vector512<double>.Zero;
        for (int b = 0; b < sources.Length; b++) laneWeights = laneWeights.WithElement(b, weights[b]);
        fixed (int* offsets = g.Offsets, targets = g.Targets, order = _order, queued = _queued, levelStart = _levelStart)
        fixed (Vector512<double>* value = _value)
        fixed (Vector128<ushort>* dist = _dist)
        fixed (double* result = acc)
        {
            int tail = 0;
            for (int b = 0; b < sources.Length; b++)
            {
                int s = sources[b];
                dist[s] = dist[s].WithElement(b, (ushort)0);
                value[s] = value[s].WithElement(b, 1.0);
                if (queued[s] == 0) { queued[s] = 1; order[tail++] = s; }
            }
            int levels = 0;
            levelStart[0] = 0;
            while (true)
            {
                levelStart[levels + 1] = tail;
                if (levelStart[levels] == tail) break;
                Forward(offsets, targets, order, queued, value, dist, levels, levelStart[levels], tail, ref tail);
                levels++;
            }
            for (int d = levels - 1; d >= 1; d--)
                Backward(offsets, targets, order, value, dist, d, levelStart[d], levelStart[d + 1], laneWeights, result);
            var unseen = Vector128.Create(Unseen);
            for (int i = 0; i < tail; i++)
            {
                int v = order[i];
                dist[v] = unseen;
                value[v] = Vector512<double>.Zero;
                queued[v] = 0;
            }
        }
    }

    /// <summary>
    /// Level d: each listed node v pulls σ from its lanes' predecessors (d_u = d − 1) and gives unseen neighbours
    /// distance d + 1, listing them once for level d + 1 (branch-free append).
    /// </summary>
    private static unsafe void Forward(int* offsets, int* targets, int* order, int* queued, Vector512<double>* value,
        Vector128<ushort>* dist, int d, int from, int to, ref int tail)
    {
        var level = Vector128.Create(Code(d));
        var previous = Vector128.Create(d == 0 ? Unseen : Code(d - 1));   // level 0 has no predecessors
        var next = Vector128.Create(Code(d + 1));
        var unseen = Vector128.Create(Unseen);
        int nextMark = d + 2;
        int t = tail;
        for (int i = from; i < to; i++)
        {
            int v = order[i];
            var onLevel = Vector128.Equals(dist[v], level);
            var sigma0 = Vector512<double>.Zero;
            var sigma1 = Vector512<double>.Zero;
            int* p = targets + offsets[v], end = targets + offsets[v + 1];
            for (; p + 1 < end; p += 2)
            {
                sigma0 += Visit(value, dist, order, queued, ref t, p[0], onLevel, previous, next, unseen, nextMark);
                sigma1 += Visit(value, dist, order, queued, ref t, p[1], onLevel, previous, next, unseen, nextMark);
            }
            if (p < end) sigma0 += Visit(value, dist, order, queued, ref t, p[0], onLevel, previous, next, unseen, nextMark);
            var sigma = d == 0 ? Vector512<double>.One : sigma0 + sigma1;
            value[v] = Vector512.ConditionalSelect(Widen(onLevel), sigma, value[v]);
        }
        tail = t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<double> Visit(Vector512<double>* value, Vector128<ushort>* dist, int* order, int* queued,
        ref int tail, int u, Vector128<ushort> onLevel, Vector128<ushort> previous, Vector128<ushort> next,
        Vector128<ushort> unseen, int nextMark)
    {
        var du = dist[u];
        var found = Vector128.Equals(du, unseen) & onLevel;
        du = Vector128.ConditionalSelect(found, next, du);
        dist[u] = du;
        int any = found == Vector128<ushort>.Zero ? 0 : 1;
        int mark = queued[u];
        int add = any & (mark != nextMark ? 1 : 0);
        order[tail] = u;
        tail += add;
        queued[u] = add != 0 ? nextMark : mark;
        return value[u] & Widen(Vector128.Equals(du, previous) & onLevel);
    }

    /// <summary>
    /// Level d ≥ 1, backwards: each listed node v pulls κ from its lanes' successors (d_u = d + 1), adds
    /// Σ_b w_b σ_v S_v to its sum and stores κ_v = 1/σ_v + S_v in its level-d lanes.
    /// </summary>
    private static unsafe void Backward(int* offsets, int* targets, int* order, Vector512<double>* value,
        Vector128<ushort>* dist, int d, int from, int to, Vector512<double> laneWeights, double* result)
    {
        var level = Vector128.Create(Code(d));
        var next = Vector128.Create(Code(d + 1));
        for (int i = from; i < to; i++)
        {
            int v = order[i];
            var onLevel = Vector128.Equals(dist[v], level);
            var sum0 = Vector512<double>.Zero;
            var sum1 = Vector512<double>.Zero;
            int* p = targets + offsets[v], end = targets + offsets[v + 1];
            for (; p + 1 < end; p += 2)
            {
                sum0 += value[p[0]] & Widen(Vector128.Equals(dist[p[0]], next) & onLevel);
                sum1 += value[p[1]] & Widen(Vector128.Equals(dist[p[1]], next) & onLevel);
            }
            if (p < end) sum0 += value[p[0]] & Widen(Vector128.Equals(dist[p[0]], next) & onLevel);
            var sum = sum0 + sum1;
            var sigma = value[v];
            var mask = Widen(onLevel);
            result[v] += Vector512.Sum((sigma * sum * laneWeights) & mask);
            value[v] = Vector512.ConditionalSelect(mask, Vector512<double>.One / sigma + sum, sigma);
        }
    }

    /// <summary>Each 16-bit lane mask widened to a 64-bit lane mask (sign extension), as doubles for masking σ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Widen(Vector128<ushort> mask) => Avx512F.ConvertToVector512Int64(mask.AsInt16()).AsDouble();

    private static ushort Code(int level) => (ushort)(level % Unseen);
}
