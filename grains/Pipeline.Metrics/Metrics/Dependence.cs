namespace Pipeline.Metrics;

/// <summary>
/// A supplier's dependence on its buyers (relationship lock-in), from the weights of its supply-graph out-edges
/// (one entry per customer): top customer share = max_c w_c / Σ w; customer HHI = Σ_c (w_c / Σ w)². NaN without out-weight.
/// </summary>
public static class Dependence
{
    public static double TopCustomerShare(ReadOnlySpan<double> weightsToCustomers)
    {
        double total = 0, max = 0;
        foreach (var w in weightsToCustomers) { total += w; max = Math.Max(max, w); }
        return total > 0 ? max / total : double.NaN;
    }

    public static double CustomerHhi(ReadOnlySpan<double> weightsToCustomers)
    {
        double total = 0;
        foreach (var w in weightsToCustomers) total += w;
        if (!(total > 0)) return double.NaN;
        double hhi = 0;
        foreach (var w in weightsToCustomers) { double s = w / total; hhi += s * s; }
        return hhi;
    }
}
