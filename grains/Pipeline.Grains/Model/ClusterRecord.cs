namespace Pipeline.Grains.Model;

/// <summary>One validated row of the <c>clusters</c> table. Empty optional strings are kept as "".</summary>
public sealed record ClusterRecord(
    string ClusterId,
    string Name,
    string Province,
    string Prefecture,
    string County,
    string MainProduct,
    ClusterType Type);
