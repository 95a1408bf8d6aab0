using Pipeline.Generator.Calibration;
using Pipeline.Generator.Clusters;
using Pipeline.Generator.Csv;
using Pipeline.Generator.Links;

namespace Pipeline.Generator.Firms;

/// <summary>
/// The firms in no cluster: domestic firms that buy from and sell to cluster firms (2–4 supply links each);
/// specialised-market traders of the Yiwu market (in_specialized_market, distribution) with trade channels to 8–60
/// producers in clusters all over the country; foreign buyers (country ≠ CN, no cluster, no province) that the
/// clusters' supply links reach. Rows are flushed every <see cref="FlushEvery"/> firms so memory stays bounded.
/// </summary>
internal static class ExtraFirmWriter
{
    private const int FlushEvery = 50_000;
    private static readonly string[] Ownership = ["private", "private", "private", "collective", "state"];

    /// <summary>Writes the extra firms and their links; <paramref name="flush"/> appends and clears the buffers.</summary>
    public static void Write(DataSetLayout layout, SeededRandom rng, CsvBuffer firms, CsvBuffer links, Action flush, CancellationToken ct)
    {
        long RandomClusterFirm() => ClusterPlan.FirstId + rng.NextLong(layout.ClusteredFirms);
        long written = 0;
        void Tick() { if (++written % FlushEvery == 0) { ct.ThrowIfCancellationRequested(); flush(); } }

        for (long id = layout.UnclusteredStart; id < layout.TraderStart; id++)
        {
            var province = Places.Provinces[rng.PickWeighted(Places.ProvinceWeights)];
            var (prefecture, counties) = rng.Pick(province.Prefectures);
            int stage = ValueChain.Pick(rng);
            firms.Int(id).Empty().TextNumbered("Independent firm No. ", id).Text(province.Name).Text(prefecture).Text(rng.Pick(counties)).Empty()
                .Text(rng.Pick(rng.Pick(Products.All).Codes)).Text(ValueChain.Stages[stage]).Text(rng.Pick(Ownership))
                .Int(rng.NextInt(1985, 2013)).Int(rng.NextInt(3, 300)).Num(Math.Round(rng.LogNormal(800, 0.8), 2)).Num(0).Bool(false).End();
            int ties = rng.NextInt(2, 5);
            for (int k = 0; k < ties; k++)
            {
                long other = RandomClusterFirm();
                bool sells = rng.Chance(0.5);
                LinkRows.One(links, sells ? id : other, sells ? other : id, LinkKinds.Supply, rng);
            }
            Tick();
        }
        for (long id = layout.TraderStart; id < layout.ForeignStart; id++)
        {
            firms.Int(id).Empty().TextNumbered("Yiwu market trader No. ", id).Text("Zhejiang").Text("Jinhua").Text("Yiwu").Empty()
                .Text(rng.Chance(0.5) ? "5137" : "5139").Text(ValueChain.Stages[ValueChain.Distribution]).Text("private")
                .Int(rng.NextInt(1990, 2013)).Int(rng.NextInt(2, 40)).Num(Math.Round(rng.LogNormal(500, 0.7), 2))
                .Num(Math.Round(rng.LogNormal(300, 0.7), 2)).Bool(true).End();
            int ties = (int)Math.Clamp(rng.LogNormal(20, 0.6), 8, 60);
            for (int k = 0; k < ties; k++)
                LinkRows.Repeated(links, RandomClusterFirm(), id, LinkKinds.TradeChannel, rng);
            Tick();
        }
        for (long id = layout.ForeignStart; id < layout.End; id++)
        {
            firms.Int(id).Empty().TextNumbered("Foreign buyer No. ", id).Empty().Empty().Empty().Text(rng.Pick(Places.ForeignCountries)).Empty()
                .Text(rng.Chance(0.5) ? "branding" : "distribution").Text("foreign").Empty().Empty().Empty().Empty().Bool(false).End();
            Tick();
        }
        flush();
    }
}
