using Pipeline.Generator.Calibration;
using Pipeline.Generator.Clusters;

namespace Pipeline.Generator;

/// <summary>
/// The firm id ranges of a data set, fixed before any row is written so clusters can be generated independently:
/// clustered firms (contiguous per cluster from <see cref="ClusterPlan.FirstId"/>), then unclustered domestic firms,
/// specialised-market traders in no cluster, and foreign buyers.
/// </summary>
internal sealed class DataSetLayout
{
    /// <summary>The layout for the planned clusters and the preset's shares.</summary>
    public DataSetLayout(IReadOnlyList<ClusterPlan> plans, PresetShape shape)
    {
        Plans = plans;
        ClusteredFirms = plans[^1].EndFirmId - ClusterPlan.FirstId;
        UnclusteredStart = plans[^1].EndFirmId;
        Unclustered = (long)(ClusteredFirms * shape.UnclusteredShare);
        Traders = Math.Max(5, (long)(ClusteredFirms * shape.TraderShare));
        Foreign = Math.Max(10, (long)(ClusteredFirms * shape.ForeignShare));
    }

    /// <summary>The clusters in output order.</summary>
    public IReadOnlyList<ClusterPlan> Plans { get; }

    /// <summary>Firms in clusters (ids <see cref="ClusterPlan.FirstId"/> … + this − 1).</summary>
    public long ClusteredFirms { get; }

    /// <summary>First id of the domestic firms in no cluster.</summary>
    public long UnclusteredStart { get; }

    /// <summary>Domestic firms in no cluster.</summary>
    public long Unclustered { get; }

    /// <summary>First id of the specialised-market traders in no cluster.</summary>
    public long TraderStart => UnclusteredStart + Unclustered;

    /// <summary>Specialised-market traders in no cluster.</summary>
    public long Traders { get; }

    /// <summary>First id of the foreign buyers.</summary>
    public long ForeignStart => TraderStart + Traders;

    /// <summary>Foreign buyers.</summary>
    public long Foreign { get; }

    /// <summary>One past the last valid firm id.</summary>
    public long End => ForeignStart + Foreign;
}
