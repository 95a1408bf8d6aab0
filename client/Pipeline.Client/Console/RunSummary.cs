using System.Globalization;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;
using Spectre.Console;

namespace Pipeline.Client.Console;

/// <summary>The one-screen summary after a run: where the output is, largest, densest and sparsest clusters, most constrained firms, rows quarantined.</summary>
public static class RunSummary
{
    public static void Print(IAnsiConsole console, RunResult result, string outputLocation)
    {
        var m = result.Manifest;
        console.MarkupLine($"[green]Run {Markup.Escape(result.RunId)} finished[/] in {result.Elapsed.TotalSeconds:F1} s.");
        console.MarkupLine($"Output: [bold]{Markup.Escape(outputLocation.TrimEnd('/'))}/runs/{Markup.Escape(result.RunId)}/[/] ({string.Join(", ", m.Tables.Select(t => $"{t.Key} {t.Value.Rows:N0} rows"))})");

        var clusters = result.Tables.Clusters;
        var largest = clusters.OrderByDescending(c => c.Firms).ThenBy(c => c.ClusterId, StringComparer.Ordinal).Take(5);
        console.Write(ClusterTable("Largest clusters", largest));
        var sized = clusters.Where(c => c.Firms >= 10 && !double.IsNaN(c.Density)).ToList();
        console.Write(ClusterTable("Densest clusters (≥ 10 firms)", sized.OrderByDescending(c => c.Density).ThenBy(c => c.ClusterId, StringComparer.Ordinal).Take(3)));
        console.Write(ClusterTable("Sparsest clusters (≥ 10 firms)", sized.OrderBy(c => c.Density).ThenBy(c => c.ClusterId, StringComparer.Ordinal).Take(3)));

        var firms = new Table().Title("Most constrained firms (Burt's constraint)").AddColumns("firm_id", "cluster_id", "degree", "constraint", "top customer share");
        foreach (var f in result.Tables.Firms.Where(f => !double.IsNaN(f.Cluster.Constraint))
                     .OrderByDescending(f => f.Cluster.Constraint).ThenBy(f => f.Cluster.FirmId).Take(5))
            firms.AddRow(f.Cluster.FirmId.ToString(CultureInfo.InvariantCulture), Markup.Escape(f.Cluster.ClusterId), f.Cluster.Degree.ToString(CultureInfo.InvariantCulture),
                F(f.Cluster.Constraint), F(f.Supply.TopCustomerShare));
        console.Write(firms);

        var q = new Table().Title("Input rows").AddColumns("table", "read", "quarantined", "reasons");
        foreach (var t in result.Quarantine.Tables)
            q.AddRow(t.Table, t.Read.ToString("N0", CultureInfo.InvariantCulture), t.Quarantined.ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", t.ByReason.Select(r => $"{r.Key} {r.Value}"))));
        console.Write(q);
        if (m.BetweennessEstimated.Count > 0)
            console.MarkupLine($"[grey]Betweenness estimated with {m.Settings.BetweennessPivots} pivots in {m.BetweennessEstimated.Count} cluster(s) above {m.Settings.BetweennessExactMaxFirms:N0} firms (see _manifest.json).[/]");
    }

    private static Table ClusterTable(string title, IEnumerable<ClusterMetricsRow> rows)
    {
        var table = new Table().Title(title).AddColumns("cluster_id", "name", "province", "firms", "links", "density", "avg clustering", "robustness");
        foreach (var c in rows)
            table.AddRow(Markup.Escape(c.ClusterId), Markup.Escape(c.Name), Markup.Escape(c.Province), c.Firms.ToString("N0", CultureInfo.InvariantCulture),
                c.Links.ToString("N0", CultureInfo.InvariantCulture), F(c.Density), F(c.AvgClustering), F(c.RobustnessTargeted));
        return table;
    }

    private static string F(double v) => double.IsNaN(v) ? "–" : v.ToString("0.0000", CultureInfo.InvariantCulture);
}
