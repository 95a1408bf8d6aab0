using Pipeline.Generator.Csv;

namespace Pipeline.Generator;

/// <summary>
/// Appends invalid rows of known kinds, each with exactly one problem, cycling through the contract's quarantine
/// cases, and reports how many of each were written (table → reason code → count). Bad firm rows use ids no valid
/// link names, so no valid link is quarantined because of them.
/// </summary>
internal static class BadRows
{
    private static readonly (string Table, string Reason)[] Kinds =
    [
        ("firms", "duplicate_id"), ("links", "unknown_firm"), ("firms", "missing_field"), ("links", "self_link"),
        ("firms", "malformed_field"), ("links", "non_positive_weight"), ("firms", "unknown_cluster"), ("links", "missing_field"),
        ("firms", "unknown_enum"), ("links", "unknown_enum"), ("firms", "negative_value"), ("links", "malformed_field"),
        ("firm_years", "unknown_firm"), ("firm_years", "negative_value"), ("clusters", "duplicate_id"), ("firms", "malformed_field"),
    ];

    public static Dictionary<string, IReadOnlyDictionary<string, long>> Write(int count, SeededRandom rng, List<ClusterPlan> plans, long freeId,
        CsvFile clusters, CsvFile firms, CsvFile links, CsvFile panel)
    {
        var counts = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        var p = plans[0];
        long good = p.FirstFirmId;
        long fresh = freeId + 1_000;
        for (int k = 0; k < count; k++)
        {
            var (table, reason) = Kinds[k % Kinds.Length];
            long id = fresh++;
            switch ((table, reason, k % Kinds.Length))
            {
                case ("firms", "duplicate_id", _): Firm(firms, good.ToString(), p.Id, "1952", "assembly", "10"); break;
                case ("firms", "missing_field", _): Firm(firms, "", p.Id, "1952", "assembly", "10"); break;
                case ("firms", "malformed_field", 4): Firm(firms, $"x{id}", p.Id, "1952", "assembly", "10"); break;
                case ("firms", "malformed_field", _): Firm(firms, id.ToString(), p.Id, "195", "assembly", "10"); break;
                case ("firms", "unknown_cluster", _): Firm(firms, id.ToString(), "NO-SUCH-CLUSTER", "1952", "assembly", "10"); break;
                case ("firms", "unknown_enum", _): Firm(firms, id.ToString(), p.Id, "1952", "welding", "10"); break;
                case ("firms", "negative_value", _): Firm(firms, id.ToString(), p.Id, "1952", "assembly", "-5"); break;
                case ("links", "unknown_firm", _): links.Int(good).Int(id + 9_000_000_000L).Text("supply").Num(1).Int(2010).End(); break;
                case ("links", "self_link", _): links.Int(good).Int(good).Text("supply").Num(1).Int(2010).End(); break;
                case ("links", "non_positive_weight", _): links.Int(good).Int(good + 1).Text("supply").Num(rng.Chance(0.5) ? 0 : -2.5).Int(2010).End(); break;
                case ("links", "missing_field", _): links.Int(good).Int(good + 1).Empty().Num(1).Int(2010).End(); break;
                case ("links", "unknown_enum", _): links.Int(good).Int(good + 1).Text("smuggling").Num(1).Int(2010).End(); break;
                case ("links", "malformed_field", _): links.Int(good).Int(good + 1).Text("supply").Text("heavy").Int(2010).End(); break;
                case ("firm_years", "unknown_firm", _): panel.Int(id + 9_000_000_000L).Int(2010).Int(5).Num(10).End(); break;
                case ("firm_years", "negative_value", _): panel.Int(good).Int(2010).Int(-3).Num(10).End(); break;
                case ("clusters", "duplicate_id", _): clusters.Text(p.Id).Text("Duplicate").Text(p.Province).Text(p.Prefecture).Text(p.County).Text(p.Product).Text(p.Type).End(); break;
            }
            if (!counts.TryGetValue(table, out var byReason)) counts[table] = byReason = new(StringComparer.Ordinal);
            byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
        }
        return counts.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, long>)kv.Value);
    }

    private static void Firm(CsvFile firms, string id, string cluster, string code, string stage, string employees) =>
        firms.Text(id).Text(cluster).Text("Bad row").Text("Zhejiang").Text("Wenzhou").Text("Lucheng").Empty().Text(code).Text(stage).Text("private")
            .Text("2001").Text(employees).Text("100").Text("10").Text("false").End();
}
