namespace Pipeline.Grains.Model;

/// <summary>Wang Jici's cluster typology (contract: <c>clusters.cluster_type</c>); <see cref="Unknown"/> when empty.</summary>
public enum ClusterType : byte { Unknown, TraditionalSme, HighTech, Fdi, LeadFirmCentred }

/// <summary>Contract spellings of <see cref="ClusterType"/>.</summary>
public static class ClusterTypes
{
    public static bool TryParse(ReadOnlySpan<char> text, out ClusterType value)
    {
        switch (text)
        {
            case "traditional_sme": value = ClusterType.TraditionalSme; return true;
            case "high_tech": value = ClusterType.HighTech; return true;
            case "fdi": value = ClusterType.Fdi; return true;
            case "lead_firm_centred": value = ClusterType.LeadFirmCentred; return true;
            default: value = ClusterType.Unknown; return false;
        }
    }
}
