namespace Pipeline.Generator.Links;

/// <summary>The contract's link kinds as UTF-8 field bytes, and the kind mixes of the generator.</summary>
internal static class LinkKinds
{
    /// <summary>Kind names in contract spelling.</summary>
    public static readonly string[] Names = ["supply", "subcontract", "production_sharing", "joint_venture", "licensing", "rnd", "kinship", "trade_channel"];

    /// <summary>Index of <c>supply</c>.</summary>
    public const int Supply = 0;
    /// <summary>Index of <c>subcontract</c>.</summary>
    public const int Subcontract = 1;
    /// <summary>Index of <c>kinship</c>.</summary>
    public const int Kinship = 6;
    /// <summary>Index of <c>trade_channel</c>.</summary>
    public const int TradeChannel = 7;

    /// <summary>Mix between firms on different value-chain tiers: mostly supply and subcontracting.</summary>
    public static readonly double[] AcrossTiers = [0.55, 0.25, 0.10, 0.03, 0.03, 0.04, 0, 0];

    /// <summary>Mix between firms on the same tier: production sharing (passing orders on) dominates.</summary>
    public static readonly double[] SameTier = [0.30, 0.15, 0.40, 0.05, 0.05, 0.05, 0, 0];

    /// <summary>True for kinds whose direction means "src sells to / works for dst".</summary>
    public static bool Directed(int kind) => kind is Supply or Subcontract;
}
