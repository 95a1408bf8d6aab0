namespace Pipeline.Metrics;

/// <summary>
/// Resistance and recovery indices of regional resilience (Martin 2012; Martin, Sunley, Gardiner &amp; Tyler 2016):
/// with g = (E(end) − E(start)) / E(start) the employment growth over a period, the index is (g_c − g_N) / |g_N|,
/// c the cluster, N the nation (the benchmark). Applied to the shock period it is resistance, to the recovery period
/// recovery. NaN when a starting employment is 0 or the national growth is 0.
/// </summary>
public static class Resilience
{
    public static double Growth(double employmentStart, double employmentEnd) =>
        employmentStart > 0 ? (employmentEnd - employmentStart) / employmentStart : double.NaN;

    public static double Index(double clusterStart, double clusterEnd, double nationStart, double nationEnd)
    {
        double gc = Growth(clusterStart, clusterEnd), gn = Growth(nationStart, nationEnd);
        return double.IsNaN(gc) || double.IsNaN(gn) || gn == 0 ? double.NaN : (gc - gn) / Math.Abs(gn);
    }
}
