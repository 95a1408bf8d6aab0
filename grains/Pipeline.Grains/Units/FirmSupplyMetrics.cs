using Pipeline.Metrics;

namespace Pipeline.Grains.Units;

/// <summary>
/// The half of a firm_metrics row that needs the whole data set (ties outside the cluster, the supply graph),
/// computed by the firm's partition unit. NaN stands for null (a ratio with a zero denominator).
/// </summary>
public readonly record struct FirmSupplyMetrics(
    long FirmId, double ExternalTieShare, double ForeignTieShare, double TopCustomerShare, double CustomerHhi, BrokerageCounts Brokerage);
