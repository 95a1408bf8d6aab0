using System.Diagnostics;
using Pipeline.Grains.Model;
using Pipeline.Grains.Scenarios;
using Pipeline.Metrics;
using Pipeline.Metrics.Graphs;

namespace Pipeline.Grains.Units;

/// <summary>
/// The per-cluster unit of work: builds the cluster graph (contract, "The graphs") and computes its firms'
/// network metrics and the cluster's cluster_metrics row. A pure function of its input: no I/O, no shared state,
/// so the same unit runs in-process or on a remote silo and gives the same bytes. Its working memory (the graph and
/// the per-firm metric arrays) is the calling thread's <see cref="ClusterUnitScratch"/>, reused from unit to unit;
/// the output is built by copying values out of it, so nothing of the scratch outlives the call.
/// </summary>
public static class ClusterComputation
{
    public static ClusterUnitOutput Compute(ClusterUnitInput input, ClusterUnitContext context, int maxDegreeOfParallelism = 1)
    {
        var firms = input.Firms.Span;
        int n = firms.Length;
        var scratch = ClusterUnitScratch.ForCurrentThread(n);
        var graph = BuildGraph(input, scratch, out var linkSums);

        var triangles = scratch.Triangles.AsSpan(0, n);
        Clustering.TriangleCounts(graph, triangles);
        var clustering = scratch.Clustering.AsSpan(0, n);
        Clustering.FromTriangles(graph, triangles, clustering);
        var method = ChooseBetweenness(input.Cluster.ClusterId, n, context.Settings);
        var betweenness = scratch.Betweenness.AsSpan(0, n);
        if (method.Exact) Betweenness.Exact(graph, betweenness, maxDegreeOfParallelism);
        else Betweenness.Estimate(graph, method.Pivots, method.Seed, betweenness, maxDegreeOfParallelism);
        var constraint = scratch.Constraint.AsSpan(0, n);
        var effectiveSize = scratch.EffectiveSize.AsSpan(0, n);
        StructuralHoles.Compute(graph, constraint, effectiveSize);

        var rows = new FirmClusterMetrics[n];   // the output: a fresh array, values copied out of the scratch
        var firmIds = scratch.FirmIds.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            int degree = graph.Degree(i);
            firmIds[i] = firms[i].FirmId;
            rows[i] = new FirmClusterMetrics(
                firms[i].FirmId, input.Cluster.ClusterId, firms[i].Province ?? "", degree, graph.Strength(i), clustering[i], betweenness[i],
                constraint[i], effectiveSize[i], degree == 0 ? double.NaN : effectiveSize[i] / degree);
        }

        var (components, largest) = Structure.Components(graph);
        var composition = Compose(firms);
        var revenues = PresentRevenues(firms, scratch.Revenues);
        var row = new ClusterMetricsRow
        {
            ClusterId = input.Cluster.ClusterId,
            Name = input.Cluster.Name,
            Province = input.Cluster.Province,
            Prefecture = input.Cluster.Prefecture,
            County = input.Cluster.County,
            Firms = n,
            Links = graph.EdgeCount,
            Employees = SumEmployees(firms),
            Revenue = SumRevenue(firms),
            ExportShare = ExportShare(firms),
            Density = Structure.Density(graph),
            AvgClustering = n == 0 ? double.NaN : Clustering.Average(clustering),
            DegreeCentralization = Structure.DegreeCentralization(graph),
            Components = components,
            LargestComponentShare = n == 0 ? double.NaN : (double)largest / n,
            RevenueHhi = Concentration.Hhi(revenues),
            Cr4 = Concentration.Cr4(revenues),
            Openness = Ratio(input.BoundaryWeight, input.BoundaryWeight + linkSums.Total),
            ForeignOpenness = Ratio(input.BoundaryForeignWeight, input.BoundaryWeight + linkSums.Total),
            LocalSourcingShare = Ratio(linkSums.Supply, linkSums.Supply + input.BoundarySupplyInWeight),
            KinshipShare = Ratio(linkSums.Kinship, linkSums.Total),
            RobustnessTargeted = Robustness.TargetedAttack(graph, firmIds),
        };
        row = WithDiversity(row, composition);
        row = WithValueChain(row, firms, composition);
        row = WithResilience(row, input, context);
        row = WithLifecycle(row, input, context, scratch.FoundedYears);

        // The what-if rows: on this graph, its triangles and this betweenness (nothing recomputed from scratch), timed on their own.
        var scenarioTime = Stopwatch.StartNew();
        var scenarios = context.Settings.WritesScenarios
            ? ClusterScenarios.Compute(input, graph, triangles, betweenness,
                new StructureAfter(n, graph.EdgeCount, components, largest, row.AvgClustering, 0), context.Settings)
            : [];
        return new ClusterUnitOutput(rows, row, composition, method) { Scenarios = scenarios, ScenarioSeconds = scenarioTime.Elapsed.TotalSeconds };
    }

    /// <summary>Internal link weight sums: all kinds, supply/subcontract, kinship.</summary>
    private readonly record struct LinkSums(double Total, double Supply, double Kinship);

    /// <summary>The cluster graph, built from the links in place into the worker's reusable graph buffers.</summary>
    private static UndirectedGraph BuildGraph(ClusterUnitInput input, ClusterUnitScratch scratch, out LinkSums sums)
    {
        var links = input.Links.Span;
        double total = 0, supply = 0, kinship = 0;
        foreach (ref readonly var l in links)
        {
            total += l.Weight;
            if (l.Kind.IsSupply()) supply += l.Weight;
            else if (l.Kind == LinkKind.Kinship) kinship += l.Weight;
        }
        sums = new LinkSums(total, supply, kinship);
        return UndirectedGraph.FromEdges(input.Firms.Length, new ClusterLinkEdges(links), scratch.Graph);
    }

    /// <summary>Exact Brandes up to the configured size; above it a pivot estimate seeded by the run seed and the cluster id.</summary>
    public static BetweennessMethod ChooseBetweenness(string clusterId, int firms, MetricSettings settings) =>
        firms <= settings.BetweennessExactMaxFirms || firms <= settings.BetweennessPivots
            ? new BetweennessMethod(true, 0, 0)
            : new BetweennessMethod(false, settings.BetweennessPivots, settings.BetweennessSeed ^ StableHash.Of(clusterId));

    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : double.NaN;

    /// <summary>Checked: the validators bound each value (<c>ValueLimits</c>), so an overflow would be a bug, never a wrapped total.</summary>
    private static long SumEmployees(ReadOnlySpan<ClusterFirm> firms)
    {
        long sum = 0;
        foreach (ref readonly var f in firms) if (f.Employees > 0) sum = checked(sum + f.Employees);
        return sum;
    }

    private static double SumRevenue(ReadOnlySpan<ClusterFirm> firms)
    {
        double sum = 0;
        foreach (ref readonly var f in firms) if (!double.IsNaN(f.Revenue)) sum += f.Revenue;
        return sum;
    }

    /// <summary>Σ export_revenue / Σ revenue over firms that report both.</summary>
    private static double ExportShare(ReadOnlySpan<ClusterFirm> firms)
    {
        double exports = 0, revenue = 0;
        foreach (ref readonly var f in firms)
        {
            if (double.IsNaN(f.Revenue) || double.IsNaN(f.ExportRevenue)) continue;
            exports += f.ExportRevenue; revenue += f.Revenue;
        }
        return Ratio(exports, revenue);
    }

    /// <summary>The revenues that are present, in firm order, written into <paramref name="buffer"/> (the worker's scratch).</summary>
    private static ReadOnlySpan<double> PresentRevenues(ReadOnlySpan<ClusterFirm> firms, double[] buffer)
    {
        int k = 0;
        foreach (ref readonly var f in firms) if (!double.IsNaN(f.Revenue)) buffer[k++] = f.Revenue;
        return buffer.AsSpan(0, k);
    }

    private static ClusterComposition Compose(ReadOnlySpan<ClusterFirm> firms)
    {
        var c = new ClusterComposition();
        foreach (ref readonly var f in firms)
        {
            if (f.IndustryCode is { } code && f.Employees >= 0)
                c.EmploymentByIndustry[code] = c.EmploymentByIndustry.GetValueOrDefault(code) + f.Employees;
            if (f.Stage != Stage.None && !double.IsNaN(f.Revenue))
            {
                c.StagedRevenue += f.Revenue;
                if (f.Stage.IsLowEnd()) c.LowEndRevenue += f.Revenue;
                else if (f.Stage.IsHighValue()) c.HighValueRevenue += f.Revenue;
            }
        }
        return c;
    }

    private static ClusterMetricsRow WithDiversity(ClusterMetricsRow row, ClusterComposition composition)
    {
        var (variety, related, unrelated) = Diversity.FromTotals(composition.EmploymentByIndustry);
        return row with { Variety = variety, RelatedVariety = related, UnrelatedVariety = unrelated };
    }

    private static ClusterMetricsRow WithValueChain(ClusterMetricsRow row, ReadOnlySpan<ClusterFirm> firms, ClusterComposition composition)
    {
        Span<bool> present = stackalloc bool[Stages.Count];
        int stages = 0;
        foreach (ref readonly var f in firms)
            if (f.Stage != Stage.None && !present[(int)f.Stage]) { present[(int)f.Stage] = true; stages++; }
        return row with
        {
            LowEndShare = Ratio(composition.LowEndRevenue, composition.StagedRevenue),
            HighValueShare = Ratio(composition.HighValueRevenue, composition.StagedRevenue),
            ValueChainStages = stages,
        };
    }

    private static ClusterMetricsRow WithResilience(ClusterMetricsRow row, ClusterUnitInput input, ClusterUnitContext context)
    {
        if (!context.HasPanel) return row with { Resistance = double.NaN, Recovery = double.NaN };
        var s = context.Settings;
        return row with
        {
            Resistance = Index(s.ShockStart, s.ShockEnd),
            Recovery = Index(s.ShockEnd, s.RecoveryEnd),
        };

        double Index(int start, int end) =>
            input.EmploymentByYear.TryGetValue(start, out var cs) && input.EmploymentByYear.TryGetValue(end, out var ce) &&
            context.NationEmploymentByYear.TryGetValue(start, out var ns) && context.NationEmploymentByYear.TryGetValue(end, out var ne)
                ? Resilience.Index(cs, ce, ns, ne)
                : double.NaN;
    }

    private static ClusterMetricsRow WithLifecycle(ClusterMetricsRow row, ClusterUnitInput input, ClusterUnitContext context, int[] buffer)
    {
        if (context.AsOfYear is not { } asOf) return row with { MedianFirmAge = double.NaN, EntryRate5y = double.NaN };
        int count = 0;
        foreach (ref readonly var f in input.Firms.Span) if (f.FoundedYear != FirmRecord.MissingInt) buffer[count++] = f.FoundedYear;
        var years = buffer.AsSpan(0, count);
        double medianAge = Lifecycle.MedianFirmAge(years, asOf);
        double entryRate = Lifecycle.EntryRate5y(years, asOf);
        double growth = EmploymentGrowth(input.EmploymentByYear, asOf);
        return row with
        {
            MedianFirmAge = medianAge,
            EntryRate5y = entryRate,
            LifecycleStage = Lifecycle.Classify(entryRate, growth, medianAge),
        };
    }

    /// <summary>Employment growth over the 3 panel years up to the reference year, NaN without panel data for both ends.</summary>
    private static double EmploymentGrowth(IReadOnlyDictionary<int, double> byYear, int asOf) =>
        byYear.TryGetValue(asOf - 3, out var start) && byYear.TryGetValue(asOf, out var end) ? Resilience.Growth(start, end) : double.NaN;
}
