using Pipeline.Grains.Model;
using Pipeline.Grains.Units;

namespace Pipeline.Grains.Partitioning;

/// <summary>
/// The data set split into units of work: each cluster's firms and internal links (firms grouped by a counting
/// sort on cluster, links bucketed by cluster), boundary sums, panel sums, and the country-wide
/// <see cref="CountryIndex"/> for firm partitions. Built once, read by any number of units in parallel.
/// </summary>
public sealed class PartitionedInput
{
    private readonly Dataset _data;
    private readonly int[] _firmStart;      // per cluster: start in _firmsByCluster (length clusters+1)
    private readonly int[] _firmsByCluster; // firm indices grouped by cluster, ascending firm index (= firm_id order) within
    private readonly int[] _localIndex;     // per firm: position within its cluster
    private readonly int[] _linkStart;      // per cluster: start in _linksByCluster
    private readonly int[] _linksByCluster; // internal link indices grouped by cluster
    private readonly double[] _boundary, _boundaryForeign, _boundarySupplyIn;
    private readonly Dictionary<int, double>[] _employmentByYear;

    public PartitionedInput(Dataset data, MetricSettings settings)
    {
        _data = data.WithoutPanel(); // the panel is summed below (Context, _employmentByYear) and needed no more
        int clusters = data.Clusters.Length, firms = data.FirmCount;
        var firmArr = data.Firms;
        // The country-wide graphs (the biggest piece) are built on another core while the clusters are bucketed.
        var country = Task.Run(() => BuildCountryIndex(data, settings));

        // Firms grouped by cluster (counting sort keeps firm_id order within a cluster).
        _firmStart = new int[clusters + 1];
        foreach (ref readonly var f in firmArr.AsSpan()) if (f.Cluster >= 0) _firmStart[f.Cluster + 1]++;
        for (int c = 0; c < clusters; c++) _firmStart[c + 1] += _firmStart[c];
        _firmsByCluster = new int[_firmStart[clusters]];
        _localIndex = new int[firms];
        var fill = (int[])_firmStart.Clone();
        for (int i = 0; i < firms; i++)
        {
            int c = firmArr[i].Cluster;
            if (c < 0) { _localIndex[i] = -1; continue; }
            _localIndex[i] = fill[c] - _firmStart[c];
            _firmsByCluster[fill[c]++] = i;
        }

        // Links: internal ones bucketed per cluster; boundary ones summed.
        _boundary = new double[clusters];
        _boundaryForeign = new double[clusters];
        _boundarySupplyIn = new double[clusters];
        _linkStart = new int[clusters + 1];
        var links = data.Links;
        for (int i = 0; i < links.Length; i++)
        {
            ref readonly var l = ref links[i];
            int cs = firmArr[l.Source].Cluster, ct = firmArr[l.Target].Cluster;
            if (cs >= 0 && cs == ct) { _linkStart[cs + 1]++; continue; }
            if (cs >= 0)
            {
                _boundary[cs] += l.Weight;
                if (firmArr[l.Target].Foreign) _boundaryForeign[cs] += l.Weight;
            }
            if (ct >= 0)
            {
                _boundary[ct] += l.Weight;
                if (firmArr[l.Source].Foreign) _boundaryForeign[ct] += l.Weight;
                if (l.Kind.IsSupply()) _boundarySupplyIn[ct] += l.Weight;
            }
        }
        for (int c = 0; c < clusters; c++) _linkStart[c + 1] += _linkStart[c];
        _linksByCluster = new int[_linkStart[clusters]];
        fill = (int[])_linkStart.Clone();
        for (int i = 0; i < links.Length; i++)
        {
            int cs = firmArr[links[i].Source].Cluster;
            if (cs >= 0 && cs == firmArr[links[i].Target].Cluster) _linksByCluster[fill[cs]++] = i;
        }

        // Panel sums per cluster and for the nation.
        _employmentByYear = new Dictionary<int, double>[clusters];
        for (int c = 0; c < clusters; c++) _employmentByYear[c] = [];
        var nation = new Dictionary<int, double>();
        int? latestPanelYear = null;
        if (data.FirmYears is { } panel)
        {
            foreach (var r in panel)
            {
                latestPanelYear = latestPanelYear is { } y ? Math.Max(y, r.Year) : r.Year;
                if (r.Employees < 0) continue;
                nation[r.Year] = nation.GetValueOrDefault(r.Year) + r.Employees;
                int c = firmArr[r.Firm].Cluster;
                if (c >= 0) _employmentByYear[c][r.Year] = _employmentByYear[c].GetValueOrDefault(r.Year) + r.Employees;
            }
        }
        Context = new ClusterUnitContext(settings, settings.AsOfYear ?? latestPanelYear ?? LatestFounded(firmArr), nation, data.HasPanel);
        Country = country.GetAwaiter().GetResult();
        Plan = BuildPlan(settings);
    }

    /// <summary>Run-wide inputs shared by all cluster units.</summary>
    public ClusterUnitContext Context { get; }

    /// <summary>The country-wide indexes shared by all firm partition units.</summary>
    public CountryIndex Country { get; }

    /// <summary>The units of work, largest cost first.</summary>
    public IReadOnlyList<UnitOfWork> Plan { get; }

    /// <summary>The data set the units are cut from, without its firm-year panel (already summed).</summary>
    public Dataset Data => _data;

    /// <summary>
    /// Materialises the input of one cluster unit into pooled arrays (<see cref="ClusterInputBuffers"/>): the caller
    /// owns the returned input and disposes it when the unit no longer reads it (see <see cref="ClusterUnitInput"/>).
    /// </summary>
    public ClusterUnitInput ClusterInput(int cluster)
    {
        var firmArr = _data.Firms;
        var strings = _data.Strings;
        int start = _firmStart[cluster], count = _firmStart[cluster + 1] - start;
        int ls = _linkStart[cluster], lc = _linkStart[cluster + 1] - ls;
        var buffers = ClusterInputBuffers.Rent(count, lc);
        var firms = buffers.Firms;
        for (int k = 0; k < count; k++)
        {
            ref readonly var f = ref firmArr[_firmsByCluster[start + k]];
            firms[k] = new ClusterFirm(f.FirmId, strings[f.Province], f.Employees, f.Revenue, f.ExportRevenue,
                f.IndustryCode >= 0 ? strings[f.IndustryCode] : null, f.Stage, f.FoundedYear, f.Foreign);
        }
        var links = buffers.Links;
        for (int k = 0; k < lc; k++)
        {
            ref readonly var l = ref _data.Links[_linksByCluster[ls + k]];
            links[k] = new ClusterLink(_localIndex[l.Source], _localIndex[l.Target], l.Weight, l.Kind);
        }
        return new ClusterUnitInput
        {
            Cluster = _data.Clusters[cluster],
            Firms = firms.AsMemory(0, count),
            Links = links.AsMemory(0, lc),
            BoundaryWeight = _boundary[cluster],
            BoundaryForeignWeight = _boundaryForeign[cluster],
            BoundarySupplyInWeight = _boundarySupplyIn[cluster],
            EmploymentByYear = _employmentByYear[cluster],
            OutsideSales = OutsideSales(cluster, start, count, buffers),
            Buffers = buffers,
        };
    }

    /// <summary>
    /// The supply-graph edges from cluster <paramref name="cluster"/>'s firms to firms outside it, read off the
    /// country-wide supply graph the firm partitions use (out-lists are summed per pair and sorted by firm index,
    /// which orders like firm_id): O(Σ out-degree) of the cluster's firms, no pass over the links. Written into the
    /// input's pooled <paramref name="buffers"/>.
    /// </summary>
    private ReadOnlyMemory<OutsideSale> OutsideSales(int cluster, int start, int count, ClusterInputBuffers buffers)
    {
        var supply = Country.Supply;
        var clusterOf = Country.ClusterOf;
        int outside = 0;
        for (int k = 0; k < count; k++)
            foreach (var v in supply.OutNeighbors(_firmsByCluster[start + k])) if (clusterOf[v] != cluster) outside++;
        if (outside == 0) return ReadOnlyMemory<OutsideSale>.Empty;
        var sales = buffers.SalesFor(outside);
        int s = 0;
        for (int k = 0; k < count; k++)
        {
            int f = _firmsByCluster[start + k];
            var buyers = supply.OutNeighbors(f);
            var weights = supply.OutWeights(f);
            for (int i = 0; i < buyers.Length; i++)
            {
                int v = buyers[i];
                if (clusterOf[v] != cluster) sales[s++] = new OutsideSale(k, Country.FirmIds[v], weights[i], Country.Foreign[v]);
            }
        }
        return sales.AsMemory(0, outside);
    }

    private static int? LatestFounded(FirmRecord[] firms)
    {
        int? latest = null;
        foreach (ref readonly var f in firms.AsSpan())
            if (f.FoundedYear != FirmRecord.MissingInt) latest = latest is { } y ? Math.Max(y, f.FoundedYear) : f.FoundedYear;
        return latest;
    }

    private static CountryIndex BuildCountryIndex(Dataset data, MetricSettings settings)
    {
        int n = data.FirmCount, clusters = data.Clusters.Length;
        var firmArr = data.Firms;
        var ids = new long[n];
        var clusterOf = new int[n];
        var foreign = new bool[n];
        var group = new int[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = firmArr[i].FirmId;
            clusterOf[i] = firmArr[i].Cluster;
            foreign[i] = firmArr[i].Foreign;
            group[i] = firmArr[i].Cluster >= 0 ? firmArr[i].Cluster : clusters + i;
        }

        var ties = Pipeline.Metrics.Graphs.UndirectedGraph.FromEdges(n, new LinkEdges(data.Links, supplyOnly: false));
        var supply = Pipeline.Metrics.Graphs.DirectedGraph.FromEdges(n, new LinkEdges(data.Links, supplyOnly: true));

        int partitions = settings.FirmPartitions > 0 ? settings.FirmPartitions : Math.Max(2, (n + 249_999) / 250_000);
        var sizes = new int[partitions];
        var partOf = new int[n];
        for (int i = 0; i < n; i++) sizes[partOf[i] = StableHash.PartitionOf(ids[i], partitions)]++;
        var members = new int[partitions][];
        for (int p = 0; p < partitions; p++) members[p] = new int[sizes[p]];
        Array.Clear(sizes);
        for (int i = 0; i < n; i++) members[partOf[i]][sizes[partOf[i]]++] = i;

        return new CountryIndex
        {
            FirmIds = ids, ClusterOf = clusterOf, Foreign = foreign, Group = group,
            Ties = ties, Supply = supply, Regions = new RegionIndex(data.Clusters), PartitionFirms = members,
        };
    }

    private List<UnitOfWork> BuildPlan(MetricSettings settings)
    {
        var plan = new List<UnitOfWork>();
        for (int c = 0; c < _data.Clusters.Length; c++)
        {
            int n = _firmStart[c + 1] - _firmStart[c];
            double m = _linkStart[c + 1] - _linkStart[c];
            var id = _data.Clusters[c].ClusterId;
            // Brandes dominates: n·m exact, pivots·m estimated; plus a linear term for everything else.
            double sources = Units.ClusterComputation.ChooseBetweenness(id, n, settings).Exact ? n : settings.BetweennessPivots;
            plan.Add(new ClusterUnit($"cluster/{id}", sources * (m + n) + 10.0 * (n + m), c, id, n));
        }
        var supply = Country.Supply;
        for (int p = 0; p < Country.PartitionFirms.Length; p++)
        {
            double cost = 0;
            foreach (var f in Country.PartitionFirms[p])
                cost += 1 + (double)supply.InNeighbors(f).Length * supply.OutNeighbors(f).Length + Country.Ties.Degree(f);
            plan.Add(new FirmPartitionUnit($"firm-partition/{p:D5}", cost, p, Country.PartitionFirms.Length));
        }
        plan.Sort((a, b) => b.Cost.CompareTo(a.Cost) is var cmp && cmp != 0 ? cmp : string.CompareOrdinal(a.UnitId, b.UnitId));
        return plan;
    }
}
