namespace Pipeline.Grains.Units;

/// <summary>
/// The half of a firm_metrics row computed on the firm's cluster graph by its cluster unit.
/// NaN stands for null (constraint, effective size, efficiency of an isolated firm).
/// </summary>
public readonly record struct FirmClusterMetrics(
    long FirmId, string ClusterId, string Province, long Degree, double Strength, double Clustering, double Betweenness,
    double Constraint, double EffectiveSize, double Efficiency);
