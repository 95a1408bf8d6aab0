using Pipeline.Generator.Clusters;

namespace Pipeline.Generator.Firms;

/// <summary>
/// The ownership of a cluster firm (domain.md: 92% of Zhejiang's firms private against a national 60%; FDI-led clusters
/// built by Taiwanese and Hong Kong investors, above all in Guangdong; SME clusters around a large, often state-owned,
/// firm such as Shanghai shipbuilding or Wuhan autos).
/// </summary>
internal static class OwnershipMix
{
    private static readonly string[] NonPrivate = ["collective", "state", "foreign", "hmt"];

    /// <summary>Draws the ownership of a firm of <paramref name="plan"/> with role <paramref name="role"/>.</summary>
    public static string Draw(ClusterPlan plan, FirmRole role, SeededRandom rng)
    {
        bool zhejiang = plan.Province == "Zhejiang";
        if (role == FirmRole.Lead && plan.Type == "lead_firm_centred" && rng.Chance(zhejiang ? 0.2 : 0.5)) return "state";
        if (plan.Type == "fdi")
        {
            bool guangdong = plan.Province == "Guangdong";
            if (rng.Chance(guangdong ? 0.45 : 0.2)) return rng.Chance(guangdong ? 0.6 : 0.35) ? "hmt" : "foreign";
        }
        return rng.Chance(zhejiang ? 0.94 : 0.72) ? "private" : rng.Pick(NonPrivate);
    }
}
