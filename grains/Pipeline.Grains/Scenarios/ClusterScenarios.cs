using System.Buffers;
using Pipeline.Grains.Model;
using Pipeline.Grains.Units;
using Pipeline.Metrics;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Grains.Scenarios;

/// <summary>
/// The scenario_metrics rows of one cluster (contract, "scenario_metrics"), computed inside its cluster unit from what
/// the unit already has: the cluster graph, its triangle counts and this run's betweenness (never recomputed), the
/// internal links, and the supply edges to outside firms (<see cref="ClusterUnitInput.OutsideSales"/>).
/// <list type="bullet">
/// <item><c>lead_firm_exit</c>: the firm of highest revenue (missing = lowest; ties: highest degree, then smallest
/// firm_id) leaves with its links.</item>
/// <item><c>top_broker_exit</c>: the firm of highest betweenness leaves (values within 1e-9 relative count as tied,
/// so the choice does not hang on the last bits of a floating-point sum; ties: highest degree, then smallest firm_id).</item>
/// <item><c>top_buyer_exit</c>: the outside firm with the largest supply in-weight from the cluster's firms (ties:
/// smallest firm_id) stops buying from them; the cluster graph is unchanged (the buyer is outside).</item>
/// <item><c>foreign_demand_stop</c>: every supply edge from the cluster's firms to a firm abroad goes; the cluster
/// graph changes only if a foreign firm is itself in the cluster (its incoming supply and subcontract links go).</item>
/// <item>user scenarios: their firms leave with all their links; a row when the cluster holds one of them or sells to one.</item>
/// </list>
/// One firm leaving is measured by <see cref="NodeRemoval.Without"/> without rebuilding the graph; other changes
/// rebuild the cluster graph without what was removed and measure it (<see cref="NodeRemoval.Measure"/>).
/// Exposure: <see cref="SupplyExposure"/>. Deltas: after − the cluster's baseline (null if either is null).
/// </summary>
public static class ClusterScenarios
{
    /// <summary>Relative difference under which two betweenness values are the same for choosing the top broker.</summary>
    public const double BetweennessTieTolerance = 1e-9;

    /// <param name="triangles">T(v) of every firm (<see cref="Clustering.TriangleCounts(UndirectedGraph)"/>), at least n entries</param>
    /// <param name="betweenness">this run's betweenness of every firm, at least n entries (the first n are read)</param>
    /// <param name="before">the cluster's baseline structure (its cluster_metrics values; <c>Isolated</c> 0)</param>
    public static ScenarioMetricsRow[] Compute(ClusterUnitInput input, UndirectedGraph graph, ReadOnlySpan<long> triangles,
        ReadOnlySpan<double> betweenness, StructureAfter before, MetricSettings settings)
    {
        int n = input.Firms.Length;
        if (n == 0) return [];
        var rows = new List<ScenarioMetricsRow>(settings.UserScenarios.Count + 4);
        var outWeight = ArrayPool<double>.Shared.Rent(n);
        var removedOut = ArrayPool<double>.Shared.Rent(n);
        var removed = ArrayPool<bool>.Shared.Rent(n);
        try
        {
            OutWeights(input, outWeight.AsSpan(0, n));

            if (settings.Scenarios)
            {
                int lead = LeadFirm(input.Firms.Span, graph);
                rows.Add(FirmExit(ScenarioNames.LeadFirmExit, lead, triangles));
                int broker = TopBroker(betweenness[..n], graph);
                rows.Add(FirmExit(ScenarioNames.TopBrokerExit, broker, triangles));
                rows.Add(TopBuyerExit());
                rows.Add(ForeignDemandStop());
            }
            foreach (var s in settings.UserScenarios)
                if (UserScenario(s) is { } row) rows.Add(row);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(outWeight);
            ArrayPool<double>.Shared.Return(removedOut);
            ArrayPool<bool>.Shared.Return(removed);
        }
        var result = rows.ToArray();
        Array.Sort(result, (a, b) => string.CompareOrdinal(a.Scenario, b.Scenario));
        return result;

        ScenarioMetricsRow FirmExit(string name, int x, ReadOnlySpan<long> triangles)
        {
            var r = removedOut.AsSpan(0, n);
            var mask = removed.AsSpan(0, n);
            r.Clear();
            mask.Clear();
            mask[x] = true;
            foreach (ref readonly var l in input.Links.Span)
                if (l.Target == x && l.Kind.IsSupply()) r[l.Source] += l.Weight;
            var after = NodeRemoval.Without(graph, triangles, x);
            var firms = input.Firms.Span;
            return Row(name, firms[x].FirmId, after, SupplyExposure.Of(firms, outWeight.AsSpan(0, n), r, mask));
        }

        ScenarioMetricsRow TopBuyerExit()
        {
            var r = removedOut.AsSpan(0, n);
            r.Clear();
            if (TopBuyer(input.OutsideSales.Span) is not { } buyer) return Row(ScenarioNames.TopBuyerExit, null, before, default);
            foreach (ref readonly var s in input.OutsideSales.Span) if (s.Buyer == buyer) r[s.Seller] += s.Weight;
            return Row(ScenarioNames.TopBuyerExit, buyer, before, SupplyExposure.Of(input.Firms.Span, outWeight.AsSpan(0, n), r, default));
        }

        ScenarioMetricsRow ForeignDemandStop()
        {
            var r = removedOut.AsSpan(0, n);
            var firms = input.Firms.Span;
            r.Clear();
            foreach (ref readonly var s in input.OutsideSales.Span) if (s.Foreign) r[s.Seller] += s.Weight;
            bool internalCut = false;
            foreach (ref readonly var l in input.Links.Span)
                if (l.Kind.IsSupply() && firms[l.Target].Foreign) { r[l.Source] += l.Weight; internalCut = true; }
            var after = internalCut ? Rebuilt(input, graph, default, cutSupplyToForeign: true) : before;
            return Row(ScenarioNames.ForeignDemandStop, null, after, SupplyExposure.Of(firms, outWeight.AsSpan(0, n), r, default));
        }

        ScenarioMetricsRow? UserScenario(UserScenario scenario)
        {
            var r = removedOut.AsSpan(0, n);
            var mask = removed.AsSpan(0, n);
            var firms = input.Firms.Span;
            r.Clear();
            bool inside = false, sells = false;
            for (int u = 0; u < n; u++) inside |= mask[u] = scenario.Removes(firms[u].FirmId);
            foreach (ref readonly var s in input.OutsideSales.Span)
                if (scenario.Removes(s.Buyer)) { r[s.Seller] += s.Weight; sells = true; }
            if (!inside && !sells) return null;
            foreach (ref readonly var l in input.Links.Span)
                if (l.Kind.IsSupply() && mask[l.Target]) r[l.Source] += l.Weight;
            var after = inside ? Rebuilt(input, graph, mask, cutSupplyToForeign: false) : before;
            return Row(scenario.Name, null, after, SupplyExposure.Of(firms, outWeight.AsSpan(0, n), r, mask));
        }

        ScenarioMetricsRow Row(string name, long? removedFirm, StructureAfter after, SupplyExposure exposure) => new()
        {
            ClusterId = input.Cluster.ClusterId,
            Scenario = name,
            RemovedFirmId = removedFirm,
            FirmsAfter = after.Nodes,
            ComponentsAfter = after.Components,
            LargestComponentShareAfter = after.LargestComponentShare,
            AvgClusteringAfter = after.AverageClustering,
            DensityAfter = after.Density,
            IsolatedFirms = after.Isolated,
            FirmsLosingHalfSales = exposure.FirmsLosingHalfSales,
            EmployeesExposed = exposure.EmployeesExposed,
            RevenueAtRisk = exposure.RevenueAtRisk,
            DeltaLargestComponentShare = after.LargestComponentShare - before.LargestComponentShare,
            DeltaAvgClustering = after.AverageClustering - before.AverageClustering,
        };
    }

    /// <summary>W_u: each firm's supply-graph out-weight, inside the cluster (its supply links) and to outside firms.</summary>
    private static void OutWeights(ClusterUnitInput input, Span<double> outWeight)
    {
        outWeight.Clear();
        foreach (ref readonly var l in input.Links.Span) if (l.Kind.IsSupply()) outWeight[l.Source] += l.Weight;
        foreach (ref readonly var s in input.OutsideSales.Span) outWeight[s.Seller] += s.Weight;
    }

    /// <summary>Highest revenue (missing = lowest), then highest degree, then smallest firm_id (firms are in firm_id order).</summary>
    public static int LeadFirm(ReadOnlySpan<ClusterFirm> firms, UndirectedGraph graph)
    {
        int best = 0;
        for (int i = 1; i < firms.Length; i++)
        {
            int cmp = CompareRevenue(firms[i].Revenue, firms[best].Revenue);
            if (cmp > 0 || (cmp == 0 && graph.Degree(i) > graph.Degree(best))) best = i;
        }
        return best;

        static int CompareRevenue(double a, double b) =>
            double.IsNaN(a) ? (double.IsNaN(b) ? 0 : -1) : double.IsNaN(b) ? 1 : a.CompareTo(b);
    }

    /// <summary>Highest betweenness (within <see cref="BetweennessTieTolerance"/>), then highest degree, then smallest firm_id.</summary>
    public static int TopBroker(ReadOnlySpan<double> betweenness, UndirectedGraph graph)
    {
        int best = 0;
        for (int i = 1; i < betweenness.Length; i++)
        {
            double a = betweenness[i], b = betweenness[best];
            bool tied = Math.Abs(a - b) <= BetweennessTieTolerance * Math.Max(Math.Abs(a), Math.Abs(b));
            if (tied ? graph.Degree(i) > graph.Degree(best) : a > b) best = i;
        }
        return best;
    }

    /// <summary>The outside firm with the largest supply in-weight from the cluster's firms (ties: smallest firm_id); null when they sell to no outside firm.</summary>
    public static long? TopBuyer(ReadOnlySpan<OutsideSale> sales)
    {
        if (sales.IsEmpty) return null;
        var inWeight = new Dictionary<long, double>();
        foreach (ref readonly var s in sales)
        {
            ref var w = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(inWeight, s.Buyer, out _);
            w += s.Weight;
        }
        long best = 0;
        double bestWeight = double.NegativeInfinity;
        foreach (var (buyer, w) in inWeight)
            if (w > bestWeight || (w == bestWeight && buyer < best)) { best = buyer; bestWeight = w; }
        return best;
    }

    /// <summary>
    /// The cluster graph rebuilt without the firms in <paramref name="removed"/> (with all their links) and, if
    /// <paramref name="cutSupplyToForeign"/>, without the supply and subcontract links into foreign firms; measured.
    /// The rebuilt graph, its node map and degrees live in this worker's <see cref="ClusterUnitScratch"/> (the
    /// rebuilt graph's own buffers, beside the cluster graph's) and are let go when the measure is taken.
    /// </summary>
    private static StructureAfter Rebuilt(ClusterUnitInput input, UndirectedGraph graph, ReadOnlySpan<bool> removed, bool cutSupplyToForeign)
    {
        var firms = input.Firms.Span;
        int n = firms.Length;
        var scratch = ClusterUnitScratch.ForCurrentThread(n);
        var index = scratch.RebuiltIndex;
        int kept = 0;
        for (int u = 0; u < n; u++) index[u] = !removed.IsEmpty && removed[u] ? -1 : kept++;
        var degreeBefore = scratch.RebuiltDegreeBefore;
        for (int u = 0; u < n; u++) if (index[u] >= 0) degreeBefore[index[u]] = graph.Degree(u);
        var edges = new RemainingLinks(input.Links.Span, index, firms, cutSupplyToForeign);
        var after = UndirectedGraph.FromEdges(kept, edges, scratch.RebuiltGraph);
        return NodeRemoval.Measure(after, degreeBefore.AsSpan(0, kept));
    }

    /// <summary>
    /// The links that remain after a scenario, renumbered to the kept firms (<paramref name="index"/>: −1 for a firm
    /// that left), in input order — the edge list of the rebuilt graph, read in place.
    /// </summary>
    private readonly ref struct RemainingLinks(ReadOnlySpan<ClusterLink> links, ReadOnlySpan<int> index, ReadOnlySpan<ClusterFirm> firms, bool cutSupplyToForeign)
        : IEdgeList
    {
        private readonly ReadOnlySpan<ClusterLink> _links = links;
        private readonly ReadOnlySpan<int> _index = index;
        private readonly ReadOnlySpan<ClusterFirm> _firms = firms;
        private readonly bool _cutSupplyToForeign = cutSupplyToForeign;

        public int Count => _links.Length;

        public bool TryGet(int e, out int source, out int target, out double weight)
        {
            ref readonly var l = ref _links[e];
            source = _index[l.Source]; target = _index[l.Target]; weight = l.Weight;
            if (source < 0 || target < 0) return false;
            return !(_cutSupplyToForeign && l.Kind.IsSupply() && _firms[l.Target].Foreign);
        }
    }
}
