namespace Pipeline.Generator.Calibration;

/// <summary>The size parameters of a preset.</summary>
/// <param name="SyntheticClusters">Clusters drawn in addition to the named ones.</param>
/// <param name="MedianClusterSize">Median of the log-normal cluster sizes.</param>
/// <param name="SizeSigma">Log-scale σ of the cluster sizes.</param>
/// <param name="MaxClusterSize">The largest cluster (one synthetic cluster has exactly this size; the rest are capped at it).</param>
/// <param name="NamedScale">Scale of the named clusters' published sizes.</param>
/// <param name="UnclusteredShare">Domestic firms in no cluster, as a share of clustered firms.</param>
/// <param name="TraderShare">Specialised-market traders in no cluster, as a share of clustered firms.</param>
/// <param name="ForeignShare">Foreign buyers, as a share of clustered firms.</param>
/// <param name="PanelShare">Share of clustered firms that have firm_years rows.</param>
internal sealed record PresetShape(
    int SyntheticClusters, double MedianClusterSize, double SizeSigma, int MaxClusterSize, double NamedScale,
    double UnclusteredShare, double TraderShare, double ForeignShare, double PanelShare)
{
    /// <summary>The shape of a preset. National follows the contract: ~3,000 clusters, log-normal sizes with median
    /// 1,500 and σ = 1.15 (P(size &gt; 5,000) ≈ 15%, so ~440 clusters), the largest 50,000 firms; ~10 million firms.
    /// Its panel covers 40% of the clustered firms (~23 million rows, ~0.5 GB of firm_years.csv).</summary>
    public static PresetShape For(GeneratorPreset preset) => preset switch
    {
        GeneratorPreset.Sample => new(14, 110, 0.9, 700, 0.1, 0.05, 0.01, 0.01, 1.0),
        GeneratorPreset.Region => new(125, 820, 1.1, 15_000, 1.0, 0.08, 0.005, 0.005, 1.0),
        GeneratorPreset.National => new(2_993, 1_500, 1.15, 50_000, 1.0, 0.10, 0.003, 0.003, 0.4),
        _ => throw new ArgumentOutOfRangeException(nameof(preset)),
    };
}
