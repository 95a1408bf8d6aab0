using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>Gould–Fernandez brokerage counts of one firm, by role.</summary>
public readonly record struct BrokerageCounts(long Coordinator, long Itinerant, long Representative, long Gatekeeper, long Liaison);

/// <summary>
/// Gould &amp; Fernandez (1989) brokerage roles on the directed supply graph, raw counts as R <c>sna::brokerage</c>
/// reports them: for ego v, every ordered pair (a, b), a ≠ b, a ≠ v, b ≠ v, with a→v→b and no a→b is one brokered
/// pair, classified by the groups (clusters) of a, v and b:
/// coordinator: a, v, b in one group; itinerant (consultant): a and b in one group, v in another;
/// representative: a with v, b elsewhere; gatekeeper: a elsewhere, v with b; liaison: three different groups.
/// Cost Σ_v indeg(v)·outdeg(v)·log outdeg(a): each a→b test is a binary search in a's sorted out-list.
/// </summary>
public static class Brokerage
{
    public static BrokerageCounts ForEgo(DirectedGraph g, ReadOnlySpan<int> group, int ego)
    {
        long coordinator = 0, itinerant = 0, representative = 0, gatekeeper = 0, liaison = 0;
        var sources = g.InNeighbors(ego);
        var sinks = g.OutNeighbors(ego);
        if (sources.IsEmpty || sinks.IsEmpty) return default;
        int gv = group[ego];
        foreach (var a in sources)
        {
            var aOut = g.OutNeighbors(a);
            int ga = group[a];
            foreach (var b in sinks)
            {
                if (b == a || aOut.BinarySearch(b) >= 0) continue;
                int gb = group[b];
                if (ga == gv)
                {
                    if (gb == gv) coordinator++; else representative++;
                }
                else if (gb == gv) gatekeeper++;
                else if (ga == gb) itinerant++;
                else liaison++;
            }
        }
        return new BrokerageCounts(coordinator, itinerant, representative, gatekeeper, liaison);
    }

    /// <summary>Counts for many egos (in parallel over fixed ranges; deterministic).</summary>
    public static void ForEgos(DirectedGraph g, ReadOnlySpan<int> group, ReadOnlySpan<int> egos, Span<BrokerageCounts> result)
    {
        if (result.Length < egos.Length) throw new ArgumentException("Result span is shorter than the egos.");
        for (int i = 0; i < egos.Length; i++) result[i] = ForEgo(g, group, egos[i]);
    }
}
