using Pipeline.Generator.Csv;

namespace Pipeline.Generator.Panel;

/// <summary>
/// A firm's firm_years rows, 2005–2012 from its entry (founding) year to its exit: trend growth, a 2009 fall that
/// deepens with the firm's export share (the 2008–2009 export collapse), partial export-led recovery in 2010–2011.
/// </summary>
internal static class PanelPath
{
    /// <summary>First panel year.</summary>
    public const int FirstYear = 2005;

    /// <summary>Last panel year.</summary>
    public const int LastYear = 2012;

    /// <summary>Writes the rows and returns the firm's employees in its last panel year.</summary>
    /// <param name="firmId">The firm.</param>
    /// <param name="entryEmployees">Employees in the entry year.</param>
    /// <param name="founded">Founding year (entry = max(2005, founded)).</param>
    /// <param name="exportShare">Export revenue / revenue.</param>
    /// <param name="productivity">Revenue per employee (ten-thousand RMB).</param>
    /// <param name="rng">The cluster's stream.</param>
    /// <param name="panel">firm_years rows.</param>
    /// <param name="write">False: only compute the path (firms outside the panel sample).</param>
    public static long Write(long firmId, double entryEmployees, int founded, double exportShare, double productivity,
        SeededRandom rng, CsvBuffer panel, bool write)
    {
        int entry = Math.Max(FirstYear, founded);
        int exit = rng.Chance(0.08) ? rng.NextInt(entry, LastYear + 1) : LastYear;
        double trend = 0.04 + 0.05 * rng.Normal();
        double shock = (0.03 + 0.45 * exportShare) * (0.6 + 0.8 * rng.NextDouble());
        double level = entryEmployees;
        long e = Math.Max(1, (long)Math.Round(level));
        for (int y = entry; y <= exit; y++)
        {
            if (y > entry)
            {
                double g = trend;
                if (y == 2009) g -= shock;
                else if (y is 2010 or 2011) g += 0.3 * shock;
                level *= Math.Max(0.3, 1 + g);
            }
            e = Math.Max(1, (long)Math.Round(level));
            if (!write) continue;
            panel.Int(firmId).Int(y).Int(e);
            double price = Math.Pow(1.05, y - LastYear);
            panel.Num(Math.Round(e * productivity * price, 2)).End();
        }
        return e;
    }
}
