using Pipeline.Generator.Calibration;

namespace Pipeline.Generator.Clusters;

/// <summary>One cluster to generate: its clusters.csv row, size, product, export share and the first of its contiguous firm ids.</summary>
internal sealed record ClusterPlan(int Index, string Id, string Name, string Province, string Prefecture, string County,
    Product Product, string Type, double ExportShare, int Firms, long FirstFirmId)
{
    /// <summary>The smallest firm id of the data set.</summary>
    public const long FirstId = 100_000;

    /// <summary>One past the cluster's last firm id.</summary>
    public long EndFirmId => FirstFirmId + Firms;
}
