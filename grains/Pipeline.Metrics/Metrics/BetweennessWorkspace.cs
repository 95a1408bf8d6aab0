using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>
/// The per-thread arrays of one Brandes (2001) single-source pass, allocated once and reused for every source
/// (no allocation per source). Distance and path count of a node share one 16-byte slot so each neighbour visit
/// touches one cache line; the inner loops are branch-free (mask arithmetic instead of data-dependent branches,
/// which mispredict about half the time in a BFS) and keep two accumulators to hide the floating-point add latency.
/// </summary>
internal sealed class BetweennessWorkspace
{
    /// <summary>Distance from the source (−1 = not reached) and, in one slot, σ during the BFS then the coefficient
    /// κ_v = (1 + δ_v)/σ_v during the accumulation.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 8)]
    private struct Slot
    {
        public double Value;
        public long Dist;
    }

    private readonly Slot[] _slots;
    private readonly int[] _order;

    [ThreadStatic] private static BetweennessWorkspace? t_cached;

    /// <summary>This thread's workspace for graphs of up to <paramref name="n"/> nodes (reused across calls; grows when needed).</summary>
    public static BetweennessWorkspace ForCurrentThread(int n)
    {
        var ws = t_cached;
        if (ws is null || ws._slots.Length < n) t_cached = ws = new BetweennessWorkspace(n);
        return ws;
    }

    private BetweennessWorkspace(int n)
    {
        _slots = new Slot[n];
        for (int i = 0; i < n; i++) _slots[i].Dist = -1;
        _order = new int[n + 1];                  // +1: the branch-free enqueue writes one slot past the tail
    }

    /// <summary>
    /// Adds the dependencies δ_s(v) = Σ_t σ_st(v)/σ_st of source <paramref name="s"/>, times <paramref name="weight"/>, to <paramref name="acc"/>
    /// (v ≠ s). BFS computes distances and σ (pulled from the predecessors when a node is dequeued); then, in
    /// reverse BFS order, each node pulls from its successors w (d_w = d_v + 1): S_v = Σ_w κ_w, δ_v = σ_v·S_v,
    /// κ_v = 1/σ_v + S_v — the same sum as Brandes' push form δ_v = Σ_w σ_v/σ_w (1 + δ_w), with only reads in the
    /// inner loop. O(n + m), and the touched slots are reset at the end (O(reached)).
    /// </summary>
    public unsafe void SingleSource(UndirectedGraph g, int s, double weight, double[] acc)
    {
        fixed (int* offsets = g.Offsets, targets = g.Targets, order = _order)
        fixed (Slot* slot = _slots)
        fixed (double* result = acc)
        {
            int head = 0, tail = 0;
            order[tail++] = s;
            slot[s].Dist = 0;
            while (head < tail)
            {
                // Dequeue v: discover its unseen neighbours (distance d_v + 1) and pull σ_v = Σ σ_u over its
                // neighbours u at distance d_v − 1, all final by now (BFS dequeues level by level).
                int v = order[head++];
                long dv = slot[v].Dist, next = dv + 1, previous = dv - 1;
                double sigma0 = 0, sigma1 = 0;
                int* p = targets + offsets[v], end = targets + offsets[v + 1];
                for (; p + 1 < end; p += 2)
                {
                    sigma0 += Visit(slot, order, ref tail, p[0], next, previous);
                    sigma1 += Visit(slot, order, ref tail, p[1], next, previous);
                }
                if (p < end) sigma0 += Visit(slot, order, ref tail, p[0], next, previous);
                slot[v].Value = head == 1 ? 1.0 : sigma0 + sigma1;    // σ_s = 1; integer-valued, exact in any order
            }
            for (int i = tail - 1; i >= 0; i--)
            {
                int v = order[i];
                Slot* sv = slot + v;
                long next = sv->Dist + 1;
                double sum0 = 0, sum1 = 0;
                int* p = targets + offsets[v], end = targets + offsets[v + 1];
                for (; p + 1 < end; p += 2)
                {
                    sum0 += ValueAt(slot + p[0], next);
                    sum1 += ValueAt(slot + p[1], next);
                }
                if (p < end) sum0 += ValueAt(slot + p[0], next);
                double sum = sum0 + sum1, sigma = sv->Value;
                if (i > 0) result[v] += weight * sigma * sum;         // w·δ_s(v); the source itself gets nothing
                sv->Value = 1.0 / sigma + sum;                       // κ_v, read by v's predecessors
            }
            for (int i = 0; i < tail; i++)
            {
                Slot* sv = slot + order[i];
                sv->Dist = -1;
                sv->Value = 0;
            }
        }
    }

    /// <summary>
    /// BFS visit of neighbour w of the node being dequeued: enqueue it when unseen (distance <paramref name="next"/>),
    /// and return its σ when it is a predecessor (distance <paramref name="previous"/>), else 0. Branch-free.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe double Visit(Slot* slot, int* order, ref int tail, int w, long next, long previous)
    {
        Slot* sw = slot + w;
        long d = sw->Dist;
        long unseen = d >> 63;                                    // −1 when not reached yet, else 0
        order[tail] = w;
        tail -= (int)unseen;                                      // enqueue only when unseen
        d ^= (d ^ next) & unseen;                                 // unseen → next
        sw->Dist = d;
        return ValueAt(sw, previous);
    }

    /// <summary>The slot's value when its distance is <paramref name="level"/>, else 0 (bit mask, no branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe double ValueAt(Slot* sw, long level)
    {
        long x = sw->Dist ^ level;
        long match = ~((x | -x) >> 63);                           // −1 when equal, else 0
        return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(sw->Value) & match);
    }
}
