namespace Pipeline.Generator.Firms;

/// <summary>The contract's value-chain stages, their tiers (materials → components → processing/assembly →
/// design/branding → distribution; supply flows up the tiers) and how common each is among cluster firms.</summary>
internal static class ValueChain
{
    /// <summary>Stage names in contract spelling.</summary>
    public static readonly string[] Stages = ["materials", "components", "processing", "assembly", "branding", "design_rnd", "distribution"];

    /// <summary>Stage index of <c>distribution</c>.</summary>
    public const int Distribution = 6;

    /// <summary>Tier of each stage: a supplier sits on a lower tier than its customer.</summary>
    public static readonly int[] Tier = [0, 1, 2, 2, 3, 3, 4];

    /// <summary>Share of each stage among ordinary (non-lead, non-trader) cluster firms: mostly low-end processing and assembly.</summary>
    public static readonly double[] Weights = [0.10, 0.24, 0.27, 0.21, 0.06, 0.04, 0.08];

    /// <summary>A stage drawn with <see cref="Weights"/>.</summary>
    public static int Pick(SeededRandom rng) => rng.PickWeighted(Weights);
}
