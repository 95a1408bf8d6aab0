namespace Pipeline.Grains.Scenarios;

/// <summary>The built-in scenarios of scenario_metrics (contract), and the rule for user scenario names.</summary>
public static class ScenarioNames
{
    public const string LeadFirmExit = "lead_firm_exit";
    public const string TopBrokerExit = "top_broker_exit";
    public const string TopBuyerExit = "top_buyer_exit";
    public const string ForeignDemandStop = "foreign_demand_stop";

    /// <summary>The built-in names in the table's sort order (ordinal).</summary>
    public static readonly string[] BuiltIn = [ForeignDemandStop, LeadFirmExit, TopBrokerExit, TopBuyerExit];

    public static bool IsBuiltIn(string name) => Array.IndexOf(BuiltIn, name) >= 0;

    /// <summary>A user scenario name: <c>[a-z0-9_]{1,64}</c>.</summary>
    public static bool IsValid(string name)
    {
        if (name.Length is < 1 or > 64) return false;
        foreach (var c in name) if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')) return false;
        return true;
    }
}
