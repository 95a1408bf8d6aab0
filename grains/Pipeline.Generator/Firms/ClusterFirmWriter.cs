using Pipeline.Generator.Clusters;
using Pipeline.Generator.Csv;
using Pipeline.Generator.Panel;

namespace Pipeline.Generator.Firms;

/// <summary>
/// Draws and writes one cluster's firms (and their firm_years rows): a few large lead firms first (about one per 5,000
/// firms, at least one), ~1% specialised-market traders, the rest small firms spread over the value chain; log-normal
/// employment, industry codes from the cluster's product divisions, mostly private ownership (foreign/HMT in FDI clusters).
/// A few optional fields are left empty, as in real registers.
/// </summary>
internal static class ClusterFirmWriter
{
    /// <summary>Writes the firms of <paramref name="plan"/> and returns the attributes link generation needs.</summary>
    public static ClusterFirms Write(ClusterPlan plan, double panelShare, SeededRandom rng, CsvBuffer firms, CsvBuffer panel)
    {
        int n = plan.Firms;
        var f = new ClusterFirms(n) { Leads = Math.Max(1, (int)Math.Round(n / (plan.Type == "lead_firm_centred" ? 2_500.0 : 5_000.0))) };
        string namePrefix = $"{plan.County} {plan.Product.Name} Co., Ltd. No. ";
        for (int i = 0; i < n; i++)
        {
            long id = plan.FirstFirmId + i;
            var role = i < f.Leads ? FirmRole.Lead : n >= 40 && rng.Chance(0.01) ? FirmRole.Trader : FirmRole.Ordinary;
            int stage = role switch
            {
                FirmRole.Lead => rng.Chance(0.6) ? 3 : 4,
                FirmRole.Trader => ValueChain.Distribution,
                _ => ValueChain.Pick(rng),
            };
            f.Role[i] = role;
            f.Stage[i] = (byte)stage;
            if (role == FirmRole.Trader) f.Traders.Add(i);

            int founded = role == FirmRole.Lead ? rng.NextInt(1980, 1996) : Math.Clamp(2013 - (int)Math.Ceiling(rng.LogNormal(9, 0.75)), 1978, 2012);
            double size = role == FirmRole.Lead ? rng.LogNormal(2_000, 0.5) : rng.LogNormal(22, 0.9);
            double exportShare = rng.Chance(0.15) ? 0 : Math.Clamp(plan.ExportShare * (0.3 + 1.4 * rng.NextDouble()), 0, 1);
            if (role == FirmRole.Lead) exportShare = Math.Clamp(plan.ExportShare * 1.2, 0, 1);
            f.ExportShare[i] = (float)exportShare;
            double productivity = rng.LogNormal(role == FirmRole.Lead ? 60 : 35, 0.5);
            long employees = PanelPath.Write(id, size, founded, exportShare, productivity, rng, panel, rng.Chance(panelShare));
            double revenue = Math.Round(employees * productivity, 2);
            double export = Math.Round(revenue * exportShare, 2);
            string ownership = OwnershipMix.Draw(plan, role, rng);

            firms.Int(id).Text(plan.Id).TextNumbered(namePrefix, i + 1).Text(plan.Province).Text(plan.Prefecture).Text(plan.County);
            if (rng.Chance(0.05)) firms.Raw("CN"u8); else firms.Empty();
            if (rng.Chance(0.02)) firms.Empty(); else firms.Text(rng.Pick(plan.Product.Codes));
            if (rng.Chance(0.01) && role == FirmRole.Ordinary) firms.Empty(); else firms.Text(ValueChain.Stages[stage]);
            firms.Text(ownership);
            if (rng.Chance(0.02)) firms.Empty(); else firms.Int(founded);
            if (rng.Chance(0.01)) firms.Empty(); else firms.Int(employees);
            if (rng.Chance(0.01)) firms.Empty(); else firms.Num(revenue);
            if (rng.Chance(0.05)) firms.Empty(); else firms.Num(export);
            firms.Bool(role == FirmRole.Trader).End();
        }
        return f;
    }
}
