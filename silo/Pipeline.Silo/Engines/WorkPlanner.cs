using System.Security.Cryptography;
using System.Text;
using Pipeline.Grains.Partitioning;

namespace Pipeline.Silo.Engines;

/// <summary>A work item: the units one broker message carries, its estimated cost and firm count.</summary>
public sealed record WorkItemPlan(string Name, IReadOnlyList<UnitOfWork> Units, double Cost, long Firms);

/// <summary>
/// Groups a plan's units into work items (one broker message each) so the many small clusters do not each pay a
/// message and two storage round trips, while no item dwarfs the others more than the largest single unit does:
/// the target cost of an item is Σcost / <c>targetItems</c> (at least the cheapest unit's); a unit at or above it is
/// an item of its own, smaller units (in the plan's largest-first order) fill items up to it. A unit is never split:
/// a cluster is one graph, so the largest cluster bounds the run's critical path. Item names are a hash of their
/// unit ids, so the same plan always gives the same names.
/// </summary>
public static class WorkPlanner
{
    public static IReadOnlyList<WorkItemPlan> Group(IReadOnlyList<UnitOfWork> plan, int targetItems = 256, int maxUnitsPerItem = 500)
    {
        var items = new List<WorkItemPlan>();
        if (plan.Count == 0) return items;
        double total = plan.Sum(u => u.Cost);
        double target = Math.Max(total / Math.Max(1, targetItems), plan.Min(u => u.Cost));
        var batch = new List<UnitOfWork>();
        double batchCost = 0;
        foreach (var u in plan)
        {
            if (u.Cost >= target) { items.Add(Item([u])); continue; }
            batch.Add(u);
            batchCost += u.Cost;
            if (batchCost >= target || batch.Count >= maxUnitsPerItem) { items.Add(Item(batch)); batch = []; batchCost = 0; }
        }
        if (batch.Count > 0) items.Add(Item(batch));
        return items;
    }

    private static WorkItemPlan Item(List<UnitOfWork> units)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', units.Select(u => u.UnitId))));
        long firms = units.Sum(u => u is ClusterUnit c ? c.Firms : 0L);
        return new WorkItemPlan("item-" + Convert.ToHexStringLower(hash.AsSpan(0, 10)), units, units.Sum(u => u.Cost), firms);
    }
}
