using Pipeline.Grains.Units;

namespace Pipeline.Grains.Runs;

/// <summary>
/// The <c>k</c> firms with the highest Burt's constraint (ties: lower firm_id first), found in one pass over the
/// firm rows with a <c>k</c>-slot insertion list: no copy of the rows (a LINQ sort of 9 M rows buffered ~2.6 GB).
/// </summary>
public static class MostConstrainedFirms
{
    public static FirmMetricsRow[] Top(ReadOnlySpan<FirmMetricsRow> firms, int k)
    {
        var best = new FirmMetricsRow[k];
        int n = 0;
        foreach (ref readonly var f in firms)
        {
            if (double.IsNaN(f.Cluster.Constraint)) continue;
            if (n == k && !Before(f, best[k - 1])) continue;
            int at = n < k ? n++ : k - 1;
            while (at > 0 && Before(f, best[at - 1])) { best[at] = best[at - 1]; at--; }
            best[at] = f;
        }
        return best[..n];
    }

    /// <summary>Whether <paramref name="a"/> ranks before <paramref name="b"/>: higher constraint, then lower firm_id.</summary>
    private static bool Before(in FirmMetricsRow a, in FirmMetricsRow b) =>
        a.Cluster.Constraint > b.Cluster.Constraint || (a.Cluster.Constraint == b.Cluster.Constraint && a.Cluster.FirmId < b.Cluster.FirmId);
}
