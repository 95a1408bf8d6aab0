using Pipeline.Generator.Csv;

namespace Pipeline.Generator.Links;

/// <summary>Writes links.csv rows: a relation observed in one year, or repeated in consecutive years (parallel links
/// whose weights add up); weights log-normal &gt; 0, about 10% left empty (= 1).</summary>
internal static class LinkRows
{
    /// <summary>One row for one year.</summary>
    public static void One(CsvBuffer links, long src, long dst, int kind, SeededRandom rng)
    {
        links.Int(src).Int(dst).Text(LinkKinds.Names[kind]);
        Weight(links, rng);
        links.Int(2005 + rng.NextInt(8)).End();
    }

    /// <summary>1–3 rows in consecutive years (50% / 30% / 20%); returns the rows written.</summary>
    public static int Repeated(CsvBuffer links, long src, long dst, int kind, SeededRandom rng)
    {
        double r = rng.NextDouble();
        int years = r < 0.5 ? 1 : r < 0.8 ? 2 : 3;
        int start = 2005 + rng.NextInt(9 - years);
        for (int y = 0; y < years; y++)
        {
            links.Int(src).Int(dst).Text(LinkKinds.Names[kind]);
            Weight(links, rng);
            links.Int(start + y).End();
        }
        return years;
    }

    private static void Weight(CsvBuffer links, SeededRandom rng)
    {
        if (rng.Chance(0.1)) links.Empty();
        else links.Num(Math.Max(0.01, Math.Round(rng.LogNormal(2, 0.8), 2)));
    }
}
