using Pipeline.Metrics.Graphs;

namespace Pipeline.Grains.Units;

/// <summary>
/// A unit worker's working memory for <see cref="ClusterComputation.Compute"/>: the cluster graph's buffers, the
/// per-firm metric arrays (triangles, clustering, betweenness, constraint, effective size, firm ids for the robustness
/// tie-break, present revenues, founding years) and the scenarios' rebuilt graph. Per thread, grown to the largest
/// cluster the thread has computed (×1.25 headroom) and reused by every later unit, so a unit allocates almost nothing
/// but its output — and nothing of 85 KB or more that dies young, whatever <c>System.GC.LOHThreshold</c> says.
/// </summary>
/// <remarks>
/// Ownership: the arrays belong to the thread's current <see cref="ClusterComputation.Compute"/> call and are valid
/// only during it. The unit's output rows copy values out of them; no array (nor the graph built into
/// <see cref="Graph"/>) may be returned or kept. Arrays may be longer than the cluster: use the first n entries.
/// Contents are stale: every user writes before it reads.
/// </remarks>
internal sealed class ClusterUnitScratch
{
    [ThreadStatic] private static ClusterUnitScratch? t_cached;

    /// <summary>The cluster graph's arrays.</summary>
    public GraphBuffers Graph { get; } = new();

    /// <summary>The arrays of a scenario's rebuilt graph (alive together with <see cref="Graph"/>).</summary>
    public GraphBuffers RebuiltGraph { get; } = new();

    public long[] Triangles = [], FirmIds = [];
    public double[] Clustering = [], Betweenness = [], Constraint = [], EffectiveSize = [], Revenues = [];
    public int[] FoundedYears = [], RebuiltIndex = [], RebuiltDegreeBefore = [];

    /// <summary>This thread's scratch with room for <paramref name="firms"/> firms in every per-firm array.</summary>
    public static ClusterUnitScratch ForCurrentThread(int firms)
    {
        var s = t_cached ??= new ClusterUnitScratch();
        if (s.Triangles.Length < firms)
        {
            int size = BufferGrowth.Size(firms);
            (s.Triangles, s.FirmIds) = (new long[size], new long[size]);
            (s.Clustering, s.Betweenness, s.Constraint, s.EffectiveSize, s.Revenues) = (new double[size], new double[size], new double[size], new double[size], new double[size]);
            (s.FoundedYears, s.RebuiltIndex, s.RebuiltDegreeBefore) = (new int[size], new int[size], new int[size]);
        }
        return s;
    }
}
