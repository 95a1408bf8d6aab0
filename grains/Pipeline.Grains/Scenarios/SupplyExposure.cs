using Pipeline.Grains.Units;

namespace Pipeline.Grains.Scenarios;

/// <summary>
/// The exposure columns of a scenario row (contract, "scenario_metrics"): for each remaining firm u of the cluster
/// with supply-graph out-weight W_u &gt; 0 before, lost_u = (W_u − W'_u) / W_u = removed_u / W_u, where removed_u
/// is the weight of u's supply edges that the scenario removes. <c>firms_losing_half_sales</c> counts lost_u ≥ 0.5,
/// <c>employees_exposed</c> sums their <c>employees</c> (missing ones left out), <c>revenue_at_risk</c> = Σ
/// revenue_u × lost_u over every such u (missing revenue left out). Never null: 0 when no firm sells. O(n).
/// </summary>
public readonly record struct SupplyExposure(long FirmsLosingHalfSales, long EmployeesExposed, double RevenueAtRisk)
{
    /// <param name="firms">the cluster's firms</param>
    /// <param name="outWeight">W_u, each firm's whole supply-graph out-weight</param>
    /// <param name="removedOut">removed_u, the part of it the scenario removes</param>
    /// <param name="removed">firms of the cluster that leave (not counted), or empty when none does</param>
    public static SupplyExposure Of(ReadOnlySpan<ClusterFirm> firms, ReadOnlySpan<double> outWeight, ReadOnlySpan<double> removedOut, ReadOnlySpan<bool> removed)
    {
        long losing = 0, employees = 0;
        double revenue = 0;
        for (int u = 0; u < firms.Length; u++)
        {
            double w = outWeight[u];
            if (!(w > 0) || (!removed.IsEmpty && removed[u])) continue;
            double lost = removedOut[u] / w;
            if (lost >= 0.5)
            {
                losing++;
                if (firms[u].Employees >= 0) employees = checked(employees + firms[u].Employees);
            }
            if (!double.IsNaN(firms[u].Revenue)) revenue += firms[u].Revenue * lost;
        }
        return new SupplyExposure(losing, employees, revenue);
    }
}
