using System.Text;
using static Pipeline.Client.Report.Svg;

namespace Pipeline.Client.Report;

/// <summary>
/// Renders a <see cref="ReportModel"/> as one self-contained HTML page: charts are inline SVG drawn here, styles and
/// the small script (sortable tables, a <c>data-report-state</c> marker once every chart is checked) are inline, and
/// nothing is fetched from the network, so the file can be mailed or opened offline.
/// </summary>
public static class HtmlReport
{
    public static string Render(ReportModel m, string outputUri, DateTimeOffset generatedAt)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
          .Append($"<title>Industrial clusters — run {Esc(m.RunId)}</title><style>{Css}</style></head><body>");
        sb.Append($"<header><h1>Industrial-cluster networks</h1><p>Run <b>{Esc(m.RunId)}</b> · {Count(m.Clusters.Count)} clusters · {Count(m.FirmRows)} firms in clusters · ")
          .Append($"{Count(m.Provinces.Count)} provinces · from {Esc(outputUri)} · generated {generatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC</p></header>");

        // 1. Resilience and openness rankings.
        var resistance = ReportModel.TopAndBottom(m.Clusters, c => c.Resistance, 15);
        sb.Append("<section><h2>Clusters ranked by resilience</h2>")
          .Append("<p class=\"note\">Resistance to the configured shock: (g<sub>cluster</sub> − g<sub>nation</sub>) / |g<sub>nation</sub>| of employment (Martin et al. 2016). Above 0: the cluster lost less than the country. ")
          .Append(resistance.Count < m.Clusters.Count(c => c.Resistance is not null) ? "The 15 most and 15 least resistant clusters; hover a bar for recovery.</p>" : "Hover a bar for recovery.</p>")
          .Append(BarChart.Render("chart-resilience", Bars(resistance, c => c.Resistance, c => $"recovery {V(c.Recovery)}"), "resistance"))
          .Append("</section>");
        var openness = ReportModel.TopAndBottom(m.Clusters, c => c.Openness, 15);
        sb.Append("<section><h2>Clusters ranked by openness</h2>")
          .Append("<p class=\"note\">Share of the weight of a cluster's links that leave it (hover: the share going abroad).</p>")
          .Append(BarChart.Render("chart-openness", Bars(openness, c => c.Openness, c => $"foreign openness {V(c.ForeignOpenness)}"), "openness", color: "#009E73"))
          .Append("</section>");

        // 2. Value-chain position against robustness.
        var scatter = m.Clusters.Where(c => c.ValueChainPosition is not null && c.Robustness is not null)
            .Select(c => new ScatterPoint(c.ValueChainPosition!.Value, c.Robustness!.Value, c.Firms, c.Province,
                $"{c.Label}, {c.Province}: position {V(c.ValueChainPosition)}, robustness {V(c.Robustness)}, {Count(c.Firms)} firms, {c.Lifecycle}"))
            .ToList();
        sb.Append("<section><h2>Value-chain position and robustness</h2>")
          .Append("<p class=\"note\">x: high-value share − low-end share of revenue (−1 all processing/assembly, +1 all design, branding, distribution); ")
          .Append("y: robustness to losing hub firms (Schneider R, 0–0.5). Circle area: firms; colour: province (hover for the lifecycle stage).</p>")
          .Append(ScatterChart.Render("chart-value-chain", scatter, "value-chain position (high-value − low-end share)", "robustness_targeted"))
          .Append("</section>");

        // 3. Provinces compared.
        sb.Append("<section><h2>Provinces compared</h2><p class=\"note\">From region_metrics (level = province); means are employment-weighted over the province's clusters.</p><div class=\"grid2\">");
        foreach (var (title, value) in ProvinceMetrics)
        {
            var bars = m.Provinces.Where(p => value(p) is not null).Select(p => new Bar(p.Province, value(p)!.Value, $"{p.Province}: {title} {V(value(p))}")).ToList();
            sb.Append($"<figure><figcaption>{Esc(title)}</figcaption>")
              .Append(BarChart.Render("chart-province-" + title.Replace(' ', '-'), bars, title, width: 460, labelWidth: 130, color: "#56B4E9"))
              .Append("</figure>");
        }
        sb.Append("</div>");
        sb.Append("<table class=\"sortable\"><thead><tr><th>province</th><th>clusters</th><th>firms</th><th>employees</th><th>mean robustness</th><th>openness</th><th>high-value share</th><th>low-end share</th><th>mean resistance</th><th>mean recovery</th></tr></thead><tbody>");
        foreach (var p in m.Provinces)
            sb.Append($"<tr><td>{Esc(p.Province)}</td><td>{Count(p.Clusters)}</td><td>{Count(p.Firms)}</td><td>{Count(p.Employees)}</td><td>{V(p.MeanRobustness)}</td><td>{V(p.Openness)}</td>")
              .Append($"<td>{V(p.HighValueShare)}</td><td>{V(p.LowEndShare)}</td><td>{V(p.MeanResistance)}</td><td>{V(p.MeanRecovery)}</td></tr>");
        sb.Append("</tbody></table></section>");

        // 4. Hub firms of the largest clusters.
        sb.Append("<section><h2>Hub firms of the largest clusters</h2><p class=\"note\">Per cluster, the firms with the most partners inside it; bar: betweenness (share of shortest paths through the firm). ")
          .Append("Low constraint (Burt) = many non-redundant contacts; brokerage = all Gould–Fernandez roles on the supply graph.</p><div class=\"grid2\">");
        foreach (var c in m.LargestClusters)
        {
            sb.Append($"<figure><figcaption>{Esc(c.Cluster.Label)} · {Esc(c.Cluster.Province)} · {Count(c.Cluster.Firms)} firms</figcaption>")
              .Append(BarChart.Render("chart-hubs-" + c.Cluster.ClusterId, c.Hubs.Select(h => new Bar($"firm {h.FirmId} · degree {h.Degree}", h.Betweenness ?? 0,
                  $"firm {h.FirmId}: degree {h.Degree}, betweenness {V(h.Betweenness)}, constraint {V(h.Constraint)}, brokerage {Count(h.Brokerage)}")).ToList(),
                  "betweenness", width: 460, labelWidth: 170, color: "#CC79A7"))
              .Append("<table class=\"sortable small\"><thead><tr><th>firm</th><th>degree</th><th>betweenness</th><th>constraint</th><th>brokerage</th></tr></thead><tbody>");
            foreach (var h in c.Hubs)
                sb.Append($"<tr><td>{h.FirmId}</td><td>{Count(h.Degree)}</td><td>{V(h.Betweenness)}</td><td>{V(h.Constraint)}</td><td>{Count(h.Brokerage)}</td></tr>");
            sb.Append("</tbody></table></figure>");
        }
        sb.Append("</div></section>");
        if (m.Scenarios.Count > 0) Scenarios(sb, m.Scenarios);
        sb.Append($"<footer>Made by <code>pipeline report</code>. Tables: runs/{Esc(m.RunId)}/cluster_metrics, region_metrics, firm_metrics{(m.Scenarios.Count > 0 ? ", scenario_metrics" : "")}.</footer>");
        sb.Append($"<script>{Script}</script></body></html>");
        return sb.ToString();
    }

    /// <summary>5. The clusters most exposed to each built-in scenario: a chart of the largest drops in largest-component share, a table of the most employees exposed.</summary>
    private static void Scenarios(StringBuilder sb, IReadOnlyList<ScenarioRanking> rankings)
    {
        sb.Append("<section id=\"scenarios\"><h2>Clusters most exposed to shocks</h2><p class=\"note\">From scenario_metrics. Bars: drop in the share of firms in the ")
          .Append("largest connected component when the scenario happens (0.25 = a quarter of the cluster cut off). Table: employees of firms losing at least half ")
          .Append("of their sales (supply-graph out-weight). Lead firm = highest revenue; broker = highest betweenness; top buyer = the outside firm buying most from the cluster.</p><div class=\"grid2\">");
        foreach (var r in rankings)
        {
            sb.Append($"<figure id=\"scenario-{Esc(r.Scenario)}\"><figcaption>{Esc(r.Scenario)}</figcaption>");
            if (r.LargestDrop.Count > 0)
                sb.Append(BarChart.Render("chart-scenario-" + r.Scenario, r.LargestDrop.Select(x => new Bar(x.Cluster.Label, -x.DeltaLargestComponentShare!.Value,
                    $"{x.Cluster.Label}, {x.Cluster.Province}: largest-component share {V(x.DeltaLargestComponentShare)}; {Count(x.EmployeesExposed)} employees exposed; removed firm {(x.RemovedFirmId is { } f ? f.ToString(System.Globalization.CultureInfo.InvariantCulture) : "–")}")).ToList(),
                    "drop in largest-component share", width: 460, labelWidth: 170, color: "#D55E00"));
            else
                sb.Append("<p class=\"note\">No cluster's network splits under this scenario.</p>");
            if (r.MostEmployeesExposed.Count > 0)
            {
                sb.Append("<table class=\"sortable small\"><thead><tr><th>cluster</th><th>employees exposed</th><th>firms losing ≥ half of sales</th><th>revenue at risk</th></tr></thead><tbody>");
                foreach (var x in r.MostEmployeesExposed)
                    sb.Append($"<tr><td>{Esc(x.Cluster.Label)}</td><td>{Count(x.EmployeesExposed)}</td><td>{Count(x.FirmsLosingHalfSales)}</td><td>{V(x.RevenueAtRisk)}</td></tr>");
                sb.Append("</tbody></table>");
            }
            else sb.Append("<p class=\"note\">No firm loses half of its sales.</p>");
            sb.Append("</figure>");
        }
        sb.Append("</div></section>");
    }

    private static List<Bar> Bars(IReadOnlyList<ClusterPoint> ranked, Func<ClusterPoint, double?> value, Func<ClusterPoint, string> extra)
    {
        var bars = new List<Bar>(ranked.Count);
        for (int i = 0; i < ranked.Count; i++)
        {
            var c = ranked[i];
            bool separated = i > 0 && i == ranked.Count / 2 && ranked.Count == 30;
            bars.Add(new Bar(c.Label, value(c)!.Value, $"{c.Label}, {c.Province}: {V(value(c))}; {extra(c)}; {Count(c.Firms)} firms", separated));
        }
        return bars;
    }

    private static readonly (string Title, Func<ProvinceRow, double?> Value)[] ProvinceMetrics =
    [
        ("mean robustness", p => p.MeanRobustness),
        ("openness", p => p.Openness),
        ("high-value share", p => p.HighValueShare),
        ("mean resistance", p => p.MeanResistance),
    ];

    private const string Css = """
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1000px;padding:16px 24px;color:#222;background:#fff}
        header h1{margin:0 0 4px;font-size:24px}header p{margin:0;color:#555}
        section{margin:28px 0;border-top:1px solid #ddd;padding-top:8px}h2{font-size:18px;margin:6px 0}
        .note{color:#555;margin:4px 0 10px;font-size:13px}
        .grid2{display:grid;grid-template-columns:repeat(auto-fill,minmax(470px,1fr));gap:12px}
        figure{margin:0}figcaption{font-weight:600;font-size:13px;margin-bottom:2px}
        svg.chart{display:block;max-width:100%;height:auto}
        svg .label{font-size:11px;fill:#333}svg .tick{font-size:10px;fill:#666}svg .axis-title{font-size:11px;fill:#333}
        svg .grid{stroke:#eee}svg .axis{stroke:#444}svg .frame{fill:none;stroke:#ccc}svg .empty{fill:#999;font-style:italic}
        svg .mark:hover rect,svg circle.mark:hover{stroke:#000;stroke-width:1.5}
        table{border-collapse:collapse;margin-top:10px;font-size:12px}th,td{padding:3px 8px;text-align:right;border-bottom:1px solid #eee}
        th:first-child,td:first-child{text-align:left}th{cursor:pointer;background:#f6f6f6;user-select:none}table.small{font-size:11px}
        footer{color:#888;font-size:12px;margin-top:24px}
        """;

    /// <summary>Sortable tables, and a marker for automated checks: data-report-state="ready", data-charts, data-drawn (charts with marks), data-errors.</summary>
    private const string Script = """
        (function(){
          var root=document.documentElement, errors=0;
          window.addEventListener('error',function(){errors++;root.setAttribute('data-errors',String(errors));});
          function key(td){var t=td.textContent.replace(/,/g,'');var n=parseFloat(t);return isNaN(n)||t==='–'?t:n;}
          document.querySelectorAll('table.sortable').forEach(function(table){
            table.querySelectorAll('th').forEach(function(th,i){
              th.addEventListener('click',function(){
                var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows),asc=th.getAttribute('data-dir')!=='asc';
                rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);if(x===y)return 0;var c=(typeof x===typeof y)?(x<y?-1:1):(typeof x==='number'?-1:1);return asc?c:-c;});
                rows.forEach(function(r){body.appendChild(r);});th.setAttribute('data-dir',asc?'asc':'desc');
              });
            });
          });
          var charts=document.querySelectorAll('svg.chart'),drawn=0;
          charts.forEach(function(svg){if(svg.querySelector('.mark'))drawn++;});
          root.setAttribute('data-charts',String(charts.length));
          root.setAttribute('data-drawn',String(drawn));
          root.setAttribute('data-errors',String(errors));
          root.setAttribute('data-report-state','ready');
        })();
        """;
}
