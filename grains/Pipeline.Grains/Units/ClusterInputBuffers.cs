using System.Collections.Concurrent;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Grains.Units;

/// <summary>
/// Reusable arrays a cluster unit's input is cut into (<see cref="Partitioning.PartitionedInput.ClusterInput"/>): its
/// firms, internal links and outside sales. A set is rented for one cut and returned by <see cref="ClusterUnitInput.Dispose"/>
/// once the unit no longer reads its input; the arrays grow to the largest cluster cut into them (×1.25 headroom) and are
/// reused, so a silo running thousands of units does not allocate (and, above 85 KB, fragment the large-object heap
/// with) a fresh input per unit. The cut and the compute run on different threads (a grain's, then a unit worker's),
/// hence a small shared pool of sets rather than per-thread arrays.
/// </summary>
/// <remarks>
/// Ownership: between <see cref="Rent"/> and <see cref="Return"/> a set belongs to exactly one <see cref="ClusterUnitInput"/>;
/// the pool keeps at most <see cref="Retained"/> idle sets (about one per unit in flight plus the staging cuts), and a
/// set returned beyond that is left to the GC. Returned firms are cleared so an idle set holds no strings.
/// </remarks>
internal sealed class ClusterInputBuffers
{
    private static readonly ConcurrentBag<ClusterInputBuffers> s_idle = [];
    private static int s_idleCount;

    /// <summary>Idle sets kept for reuse.</summary>
    public static readonly int Retained = Math.Max(4, 2 * Environment.ProcessorCount);

    public ClusterFirm[] Firms = [];
    public ClusterLink[] Links = [];
    public OutsideSale[] Sales = [];

    /// <summary>Firms written by the current holder (cleared on return).</summary>
    public int FirmCount;

    /// <summary>A set with room for <paramref name="firms"/> firms and <paramref name="links"/> links (stale contents).</summary>
    public static ClusterInputBuffers Rent(int firms, int links)
    {
        if (!s_idle.TryTake(out var b)) b = new ClusterInputBuffers();
        else Interlocked.Decrement(ref s_idleCount);
        if (b.Firms.Length < firms) b.Firms = new ClusterFirm[BufferGrowth.Size(firms)];
        if (b.Links.Length < links) b.Links = new ClusterLink[BufferGrowth.Size(links)];
        b.FirmCount = firms;
        return b;
    }

    /// <summary>Room for <paramref name="sales"/> outside sales in this set (stale contents).</summary>
    public OutsideSale[] SalesFor(int sales)
    {
        if (Sales.Length < sales) Sales = new OutsideSale[BufferGrowth.Size(sales)];
        return Sales;
    }

    /// <summary>Takes a set back from its holder, who must not read its arrays any more.</summary>
    public static void Return(ClusterInputBuffers b)
    {
        Array.Clear(b.Firms, 0, b.FirmCount);   // the firms hold strings
        b.FirmCount = 0;
        if (Interlocked.Increment(ref s_idleCount) <= Retained) s_idle.Add(b);
        else Interlocked.Decrement(ref s_idleCount);
    }
}
