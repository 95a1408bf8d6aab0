namespace Pipeline.Generator.Calibration;

/// <summary>The size parameters of a preset (contract: "The generator's national preset").</summary>
internal sealed record PresetShape(
    int SyntheticClusters, double MedianClusterSize, double SizeSigma, int MaxClusterSize, double NamedScale,
    double UnclusteredShare, double TraderShare, double ForeignShare, double PanelShare)
{
    public static PresetShape For(GeneratorPreset preset) => preset switch
    {
        GeneratorPreset.Sample => new(14, 90, 0.8, 600, 0.08, 0.05, 0.02, 0.01, 1.0),
        GeneratorPreset.Region => new(140, 900, 1.0, 12_000, 1.0, 0.05, 0.01, 0.005, 1.0),
        // ~3,000 clusters, log-normal sizes with median 1,500 and σ = 1.15 (≈ 15% above 5,000 firms), largest 50,000;
        // the panel covers a 30% sample of firms to keep the file near 2 GB.
        _ => new(2_993, 1_500, 1.15, 50_000, 1.0, 0.05, 0.01, 0.004, 0.3),
    };
}
