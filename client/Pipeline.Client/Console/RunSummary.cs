using System.Globalization;
using Pipeline.Grains.Runs;
using Spectre.Console;

namespace Pipeline.Client.Console;

/// <summary>The one-screen summary after a run: where the output is, largest, densest and sparsest clusters, most constrained firms, rows quarantined.</summary>
public static class RunSummary
{
    public static void Print(IAnsiConsole console, RunHighlights h, string outputLocation)
    {
        console.MarkupLine($"[green]Run {Markup.Escape(h.RunId)} finished[/] in {h.ElapsedSeconds:F1} s.");
        console.MarkupLine($"Output: [bold]{Markup.Escape(outputLocation.TrimEnd('/'))}/runs/{Markup.Escape(h.RunId)}/[/] ({string.Join(", ", h.TableRows.Select(t => $"{t.Key} {t.Value:N0} rows"))})");

        console.Write(ClusterTable("Largest clusters", h.Largest));
        console.Write(ClusterTable("Densest clusters (≥ 10 firms)", h.Densest));
        console.Write(ClusterTable("Sparsest clusters (≥ 10 firms)", h.Sparsest));

        var firms = new Table().Title("Most constrained firms (Burt's constraint)").AddColumns("firm_id", "cluster_id", "degree", "constraint", "top customer share");
        foreach (var f in h.MostConstrained)
            firms.AddRow(f.FirmId.ToString(CultureInfo.InvariantCulture), Markup.Escape(f.ClusterId), f.Degree.ToString(CultureInfo.InvariantCulture), F(f.Constraint), F(f.TopCustomerShare));
        console.Write(firms);

        var q = new Table().Title("Input rows").AddColumns("table", "read", "quarantined", "reasons");
        foreach (var t in h.Input)
            q.AddRow(t.Table, t.Read.ToString("N0", CultureInfo.InvariantCulture), t.Quarantined.ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", t.ByReason.Select(r => $"{r.Key} {r.Value}"))));
        console.Write(q);
        if (h.EstimatedClusters > 0)
            console.MarkupLine($"[grey]Betweenness estimated with {h.BetweennessPivots} pivots in {h.EstimatedClusters} cluster(s) above {h.BetweennessExactMaxFirms:N0} firms (see _manifest.json).[/]");
    }

    private static Table ClusterTable(string title, IEnumerable<ClusterHighlight> rows)
    {
        var table = new Table().Title(title).AddColumns("cluster_id", "name", "province", "firms", "links", "density", "avg clustering", "robustness");
        foreach (var c in rows)
            table.AddRow(Markup.Escape(c.ClusterId), Markup.Escape(c.Name), Markup.Escape(c.Province), c.Firms.ToString("N0", CultureInfo.InvariantCulture),
                c.Links.ToString("N0", CultureInfo.InvariantCulture), F(c.Density), F(c.AvgClustering), F(c.RobustnessTargeted));
        return table;
    }

    private static string F(double v) => double.IsNaN(v) ? "–" : v.ToString("0.0000", CultureInfo.InvariantCulture);
}
