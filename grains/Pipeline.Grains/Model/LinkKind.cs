namespace Pipeline.Grains.Model;

/// <summary>The kind of an inter-firm link (contract: <c>links.kind</c>).</summary>
public enum LinkKind : byte
{
    Supply, Subcontract, ProductionSharing, JointVenture, Licensing, Rnd, Kinship, TradeChannel,
}

/// <summary>Contract spellings of <see cref="LinkKind"/>.</summary>
public static class LinkKinds
{
    /// <summary>Parses a contract value (<c>supply</c>, <c>production_sharing</c>, …), case-sensitive.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out LinkKind kind)
    {
        switch (text)
        {
            case "supply": kind = LinkKind.Supply; return true;
            case "subcontract": kind = LinkKind.Subcontract; return true;
            case "production_sharing": kind = LinkKind.ProductionSharing; return true;
            case "joint_venture": kind = LinkKind.JointVenture; return true;
            case "licensing": kind = LinkKind.Licensing; return true;
            case "rnd": kind = LinkKind.Rnd; return true;
            case "kinship": kind = LinkKind.Kinship; return true;
            case "trade_channel": kind = LinkKind.TradeChannel; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>True for the kinds that make a supply-graph edge: <c>supply</c> and <c>subcontract</c> (src sells to / works for dst).</summary>
    public static bool IsSupply(this LinkKind kind) => kind is LinkKind.Supply or LinkKind.Subcontract;
}
