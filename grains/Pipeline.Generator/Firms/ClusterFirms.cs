namespace Pipeline.Generator.Firms;

/// <summary>The attributes of one cluster's firms that link generation needs (indexed by position in the cluster).</summary>
internal sealed class ClusterFirms
{
    /// <summary>Arrays for <paramref name="n"/> firms.</summary>
    public ClusterFirms(int n)
    {
        Stage = new byte[n];
        Role = new FirmRole[n];
        ExportShare = new float[n];
    }

    /// <summary>Value-chain stage index (<see cref="ValueChain.Stages"/>).</summary>
    public byte[] Stage { get; }

    /// <summary>Lead firm, trader or ordinary.</summary>
    public FirmRole[] Role { get; }

    /// <summary>Export revenue / revenue of the firm.</summary>
    public float[] ExportShare { get; }

    /// <summary>Number of lead firms (they are the first positions).</summary>
    public int Leads { get; set; }

    /// <summary>Positions of the traders.</summary>
    public List<int> Traders { get; } = [];

    /// <summary>Firms in the cluster.</summary>
    public int Count => Stage.Length;
}
