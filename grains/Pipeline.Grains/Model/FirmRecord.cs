namespace Pipeline.Grains.Model;

/// <summary>
/// One validated firm, packed for country-scale arrays (about 48 bytes). Strings live in the
/// <see cref="Dataset"/>'s pools and are referenced by index; missing values use sentinels:
/// <see cref="NoCluster"/>, <see cref="Stage.None"/>, <see cref="MissingInt"/>, <c>double.NaN</c>, <c>-1</c> codes.
/// </summary>
public struct FirmRecord
{
    public const int NoCluster = -1;
    public const int MissingInt = int.MinValue;

    public long FirmId;
    /// <summary>Index into <see cref="Dataset.Clusters"/>, or <see cref="NoCluster"/>.</summary>
    public int Cluster;
    /// <summary>Index into <see cref="Dataset.Strings"/> of the firm's province ("" when empty).</summary>
    public int Province;
    /// <summary>Index into <see cref="Dataset.Strings"/> of the 4-character industry code, or -1 when empty.</summary>
    public int IndustryCode;
    /// <summary>Index into <see cref="Dataset.Strings"/> of the ISO country code (empty input → "CN").</summary>
    public int Country;
    public int FoundedYear;
    /// <summary>Employees, or -1 when empty.</summary>
    public long Employees;
    public double Revenue;
    public double ExportRevenue;
    public Stage Stage;
    public Ownership Ownership;
    public bool Foreign;
    public bool InSpecializedMarket;
}
