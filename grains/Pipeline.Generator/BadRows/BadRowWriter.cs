using Pipeline.Generator.Clusters;
using Pipeline.Generator.Csv;

namespace Pipeline.Generator.BadRows;

/// <summary>
/// Appends <c>count</c> invalid rows cycling through <see cref="BadRowKind.All"/> (each cycle in a seeded order) and
/// counts them by table and reason code. Every bad row has exactly one problem. Bad firm rows carry fresh ids that no
/// link or panel row names; bad link and panel rows name only valid firms (apart from their one problem), so no valid
/// row is quarantined because of a bad one and the counts equal what the validator quarantines.
/// </summary>
internal static class BadRowWriter
{
    /// <summary>Writes the rows into the four buffers; returns table → reason code → count.</summary>
    public static Dictionary<string, IReadOnlyDictionary<string, long>> Write(int count, SeededRandom rng, DataSetLayout layout,
        CsvBuffer clusters, CsvBuffer firms, CsvBuffer links, CsvBuffer panel)
    {
        var counts = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        var first = layout.Plans[0];
        long fresh = layout.End + 1_000;
        long nowhere = layout.End + 5_000_000_000L;
        var order = new int[BadRowKind.All.Length];
        for (int k = 0; k < count; k++)
        {
            int slot = k % order.Length;
            if (slot == 0) Shuffle(order, rng);
            var kind = BadRowKind.All[order[slot]];
            long good = ClusterPlan.FirstId + rng.NextLong(layout.ClusteredFirms - 1);
            long id = fresh++;
            switch (order[slot])
            {
                case 0: Cluster(clusters, first.Id, "traditional_sme"); break;
                case 1: Cluster(clusters, "", "traditional_sme"); break;
                case 2: Cluster(clusters, $"BAD-{id}", "cooperative"); break;
                case 3: Firm(firms, good.ToString(), first.Id, "1952", "assembly", "private", "10", "100"); break;
                case 4: Firm(firms, "", first.Id, "1952", "assembly", "private", "10", "100"); break;
                case 5: Firm(firms, $"{id}x", first.Id, "1952", "assembly", "private", "10", "100"); break;
                case 6: Firm(firms, id.ToString(), first.Id, "195", "assembly", "private", "10", "100"); break;
                case 7: Firm(firms, id.ToString(), first.Id, "1952", "assembly", "private", "ten", "100"); break;
                case 8: Firm(firms, id.ToString(), "NO-SUCH-CLUSTER", "1952", "assembly", "private", "10", "100"); break;
                case 9: Firm(firms, id.ToString(), first.Id, "1952", "welding", "private", "10", "100"); break;
                case 10: Firm(firms, id.ToString(), first.Id, "1952", "assembly", "cooperative", "10", "100"); break;
                case 11: Firm(firms, id.ToString(), first.Id, "1952", "assembly", "private", "-5", "100"); break;
                case 12: Firm(firms, id.ToString(), first.Id, "1952", "assembly", "private", "10", "-1.5"); break;
                case 13: links.Int(good).Int(nowhere + k).Text("supply").Num(1).Int(2010).End(); break;
                case 14: links.Int(good).Int(good).Text("supply").Num(1).Int(2010).End(); break;
                case 15: links.Int(good).Int(good + 1).Text("supply").Num(rng.Chance(0.5) ? 0 : -2.5).Int(2010).End(); break;
                case 16: links.Int(good).Int(good + 1).Empty().Num(1).Int(2010).End(); break;
                case 17: links.Empty().Int(good + 1).Text("supply").Num(1).Int(2010).End(); break;
                case 18: links.Int(good).Int(good + 1).Text("smuggling").Num(1).Int(2010).End(); break;
                case 19: links.Int(good).Int(good + 1).Text("supply").Text("heavy").Int(2010).End(); break;
                case 20: links.Int(good).Int(good + 1).Text("supply").Num(1).Text("2010a").End(); break;
                case 21: panel.Int(nowhere + k).Int(2010).Int(5).Num(10).End(); break;
                case 22: panel.Int(good).Int(2010).Int(-3).Num(10).End(); break;
                case 23: panel.Int(good).Text("20x0").Int(5).Num(10).End(); break;
                case 24: panel.Empty().Int(2010).Int(5).Num(10).End(); break;
                default: throw new InvalidOperationException("unhandled bad row kind");
            }
            if (!counts.TryGetValue(kind.Table, out var byReason)) counts[kind.Table] = byReason = new(StringComparer.Ordinal);
            byReason[kind.Reason] = byReason.GetValueOrDefault(kind.Reason) + 1;
        }
        var result = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var (table, reasons) in counts) result[table] = reasons;
        return result;
    }

    private static void Shuffle(int[] order, SeededRandom rng)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        for (int i = order.Length - 1; i > 0; i--) { int j = rng.NextInt(i + 1); (order[i], order[j]) = (order[j], order[i]); }
    }

    private static void Cluster(CsvBuffer clusters, string id, string type) =>
        clusters.Text(id).Text("Bad cluster row").Text("Zhejiang").Text("Wenzhou").Text("Lucheng").Text("shoes").Text(type).End();

    private static void Firm(CsvBuffer firms, string id, string cluster, string code, string stage, string ownership, string employees, string revenue) =>
        firms.Text(id).Text(cluster).Text("Bad firm row").Text("Zhejiang").Text("Wenzhou").Text("Lucheng").Empty().Text(code).Text(stage).Text(ownership)
            .Text("2001").Text(employees).Text(revenue).Text("10").Bool(false).End();
}
