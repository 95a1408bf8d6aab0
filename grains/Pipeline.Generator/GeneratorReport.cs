namespace Pipeline.Generator;

/// <summary>What was written.</summary>
/// <param name="Clusters">Rows of clusters.csv (bad rows included).</param>
/// <param name="Firms">Rows of firms.csv (bad rows included).</param>
/// <param name="Links">Rows of links.csv (bad rows included).</param>
/// <param name="FirmYears">Rows of firm_years.csv (bad rows included).</param>
/// <param name="SumNTimesM">Σ over clusters of n·m, n = firms and m = distinct firm pairs linked inside the cluster
/// (the cluster graph's edges): the work of exact betweenness (Brandes 2001, O(n·m) per cluster).</param>
/// <param name="BadRowsWritten">Bad rows by table, then by the contract's quarantine reason code.</param>
/// <param name="Elapsed">Wall time of the generation.</param>
public sealed record GeneratorReport(long Clusters, long Firms, long Links, long FirmYears, double SumNTimesM,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> BadRowsWritten, TimeSpan Elapsed);
