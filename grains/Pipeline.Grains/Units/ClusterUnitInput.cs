using Pipeline.Grains.Model;

namespace Pipeline.Grains.Units;

/// <summary>A firm of a cluster as its cluster unit sees it (attributes only; the graph is in <see cref="ClusterUnitInput.Links"/>).
/// <see cref="Foreign"/>: its country is not CN.</summary>
public readonly record struct ClusterFirm(
    long FirmId, string? Province, long Employees, double Revenue, double ExportRevenue, string? IndustryCode, Stage Stage, int FoundedYear,
    bool Foreign = false);

/// <summary>A link with both ends in the cluster, by the firms' positions in <see cref="ClusterUnitInput.Firms"/>.</summary>
public readonly record struct ClusterLink(int Source, int Target, double Weight, LinkKind Kind);

/// <summary>
/// A supply-graph edge from a firm of the cluster (<see cref="Seller"/>, its position in <see cref="ClusterUnitInput.Firms"/>)
/// to a firm outside it (<see cref="Buyer"/>, its firm_id; <see cref="Foreign"/>: its country is not CN), weight = the
/// sum of the supply and subcontract links from seller to buyer.
/// </summary>
public readonly record struct OutsideSale(int Seller, long Buyer, double Weight, bool Foreign);

/// <summary>
/// Everything a cluster unit needs, as plain data (so it can be shipped to a remote silo): the cluster's firms sorted
/// by firm_id, its internal links, sums over its boundary links, and its panel employment by year.
/// </summary>
/// <remarks>
/// Ownership: an input cut by <see cref="Partitioning.PartitionedInput.ClusterInput"/> views pooled arrays
/// (<see cref="ClusterInputBuffers"/>) that the holder gives back with <see cref="Dispose"/> once nothing reads the
/// input any more — after the unit's output is computed (the output copies values, never these arrays). After
/// Dispose reading it throws. Not disposing is safe (the arrays are then garbage-collected); reading a disposed input's
/// memory kept from before Dispose is not. An input built from plain arrays (decoded, or in tests) owns nothing.
/// </remarks>
public sealed class ClusterUnitInput : IDisposable
{
    private ReadOnlyMemory<ClusterFirm> _firms;
    private ReadOnlyMemory<ClusterLink> _links;
    private ReadOnlyMemory<OutsideSale> _outsideSales = ReadOnlyMemory<OutsideSale>.Empty;
    private ClusterInputBuffers? _buffers;
    private bool _disposed;

    public required ClusterRecord Cluster { get; init; }
    public required ReadOnlyMemory<ClusterFirm> Firms { get => _disposed ? throw Disposed() : _firms; init => _firms = value; }
    public required ReadOnlyMemory<ClusterLink> Links { get => _disposed ? throw Disposed() : _links; init => _links = value; }

    /// <summary>Total weight of links with exactly one end in the cluster.</summary>
    public double BoundaryWeight { get; init; }

    /// <summary>Weight of boundary links whose outside end is a foreign firm (country ≠ CN).</summary>
    public double BoundaryForeignWeight { get; init; }

    /// <summary>Weight of supply/subcontract links into cluster firms from firms outside the cluster.</summary>
    public double BoundarySupplyInWeight { get; init; }

    /// <summary>
    /// The supply-graph edges from the cluster's firms to firms outside it, by seller then buyer firm_id: with the
    /// supply links in <see cref="Links"/> they give each firm's whole out-weight, which the scenarios' exposure
    /// columns need (the top buyer, foreign buyers, user scenario firms elsewhere).
    /// </summary>
    public ReadOnlyMemory<OutsideSale> OutsideSales { get => _disposed ? throw Disposed() : _outsideSales; init => _outsideSales = value; }

    /// <summary>Σ employees of the cluster's firms' panel rows, by year (empty without a panel).</summary>
    public required IReadOnlyDictionary<int, double> EmploymentByYear { get; init; }

    /// <summary>The pooled arrays <see cref="Firms"/>, <see cref="Links"/> and <see cref="OutsideSales"/> view, if any.</summary>
    internal ClusterInputBuffers? Buffers { get => _buffers; init => _buffers = value; }

    /// <summary>
    /// Gives the pooled arrays back (if the input has any). Idempotent. A pooled input read after this throws
    /// <see cref="ObjectDisposedException"/> (so a unit retried on a given-back input fails loudly instead of
    /// computing on an empty cluster); an input that owns plain arrays stays readable.
    /// </summary>
    public void Dispose()
    {
        var buffers = Interlocked.Exchange(ref _buffers, null);
        if (buffers is null) return;
        _disposed = true;
        _firms = default;
        _links = default;
        _outsideSales = default;
        ClusterInputBuffers.Return(buffers);
    }

    private ObjectDisposedException Disposed() => new(nameof(ClusterUnitInput), $"the input of cluster {Cluster.ClusterId} was given back to its pool");
}

/// <summary>Run-wide inputs every cluster unit shares: settings, the reference year and the national panel benchmark.</summary>
public sealed record ClusterUnitContext(MetricSettings Settings, int? AsOfYear, IReadOnlyDictionary<int, double> NationEmploymentByYear, bool HasPanel);
