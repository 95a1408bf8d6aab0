namespace Pipeline.Metrics;

/// <summary>
/// Revenue concentration of a cluster over the firms that report revenue: Herfindahl–Hirschman index Σ s_i²
/// and CR4 = the sum of the four largest shares s_i = r_i / Σ r. NaN when Σ r = 0.
/// </summary>
public static class Concentration
{
    public static double Hhi(ReadOnlySpan<double> revenue)
    {
        double total = Sum(revenue);
        if (!(total > 0)) return double.NaN;
        double hhi = 0;
        foreach (var r in revenue) { double s = r / total; hhi += s * s; }
        return hhi;
    }

    public static double Cr4(ReadOnlySpan<double> revenue)
    {
        double total = Sum(revenue);
        if (!(total > 0)) return double.NaN;
        Span<double> top = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity];
        foreach (var r in revenue)
        {
            if (r <= top[3]) continue;
            int i = 3;
            while (i > 0 && r > top[i - 1]) { top[i] = top[i - 1]; i--; }
            top[i] = r;
        }
        double sum = 0;
        foreach (var t in top) if (t > double.NegativeInfinity) sum += t;
        return sum / total;
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (var v in values) s += v;
        return s;
    }
}
