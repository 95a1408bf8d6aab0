using System.Text.RegularExpressions;
using Pipeline.Client.Commands;
using Pipeline.Client.Report;
using Pipeline.Storage;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Report;

/// <summary>
/// <c>pipeline report</c> on the fixture run: the tables read back through our Parquet reader equal what the run
/// computed, and the page rendered by headless chromium draws every chart (a mark in each SVG), in the documented
/// order, without script errors or network references.
/// </summary>
[Collection("console")]
public class ReportTests(FixtureRun run) : IClassFixture<FixtureRun>
{
    [Fact]
    public async Task Tables_read_back_from_the_store_equal_the_computed_rows()
    {
        var table = await RunTableReader.ReadAsync(new LocalFolderStore(run.Output.Path), run.Result.RunId, "cluster_metrics", ReportModel.ClusterColumns, default);
        var computed = run.Tables.Clusters;
        Assert.Equal(computed.Length, table.Count);
        for (int i = 0; i < computed.Length; i++)
        {
            Assert.Equal(computed[i].ClusterId, table.String("cluster_id", i));
            Assert.Equal(computed[i].Firms, (long)table.Double("firms", i)!.Value);
            Assert.Equal(Nullable(computed[i].Resistance), table.Double("resistance", i));
            Assert.Equal(Nullable(computed[i].RobustnessTargeted), table.Double("robustness_targeted", i));
        }
    }

    private static double? Nullable(double v) => double.IsNaN(v) ? null : v; // NaN is written as null

    [Fact]
    public void Hive_partition_folders_become_columns()
    {
        var hive = RunTableReader.HivePartitions("province=Inner%20Mongolia/level=x/part-00000.parquet");
        Assert.Equal("Inner Mongolia", hive["province"]);
        Assert.Equal("x", hive["level"]);
        Assert.Empty(RunTableReader.HivePartitions("part-00000.parquet"));
        Assert.Null(RunTableReader.HivePartitions("province=__HIVE_DEFAULT_PARTITION__/part-00000.parquet")["province"]);
    }

    [Fact]
    public async Task Report_renders_in_headless_chromium_with_every_chart_drawn_and_no_errors()
    {
        using var folder = new TempFolder();
        var html = folder.File("report.html");
        Assert.Equal(ExitCodes.Ok, await Pipeline.Client.Program.Main(["report", run.Result.RunId, "--output", run.Output.Path, "--html", html]));
        var text = await File.ReadAllTextAsync(html);
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=", RegexOptions.IgnoreCase), text); // self-contained: nothing to fetch

        var (dom, log) = Chromium.DumpDom(html);
        Assert.Contains("data-report-state=\"ready\"", dom);
        Assert.Contains("data-errors=\"0\"", dom);
        int charts = int.Parse(Regex.Match(dom, "data-charts=\"(\\d+)\"").Groups[1].Value);
        int drawn = int.Parse(Regex.Match(dom, "data-drawn=\"(\\d+)\"").Groups[1].Value);
        // 2 rankings + scatter + 4 province metrics + one per largest cluster (up to 6) + one per built-in scenario that splits some cluster.
        var scenarioCharts = run.Tables.Scenarios.Where(x => x.DeltaLargestComponentShare < 0).Select(x => x.Scenario).Distinct().ToList();
        Assert.Contains("lead_firm_exit", scenarioCharts);
        int expectedCharts = 7 + Math.Min(6, run.Tables.Clusters.Length) + scenarioCharts.Count;
        Assert.Equal(expectedCharts, charts);
        Assert.Equal(charts, drawn);
        Assert.DoesNotMatch(new Regex("CONSOLE.*(Uncaught|Error)|Refused to", RegexOptions.IgnoreCase), log);

        // The resilience ranking lists the clusters by resistance, highest first (the fixture has fewer than 30).
        var expectedOrder = run.Tables.Clusters.Where(c => !double.IsNaN(c.Resistance))
            .OrderByDescending(c => c.Resistance).ThenBy(c => c.ClusterId, StringComparer.Ordinal).Select(c => c.ClusterId).ToList();
        Assert.NotEmpty(expectedOrder);
        var svg = Regex.Match(dom, "<svg id=\"chart-resilience\".*?</svg>", RegexOptions.Singleline).Value;
        var shown = Regex.Matches(svg, "<title>[^<]*\\(([^)]+)\\),").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(expectedOrder, shown);

        // Shock scenarios: per built-in scenario, the clusters with the largest drop in largest-component share (largest first)
        // and a table of the most employees exposed.
        foreach (var name in Pipeline.Grains.Scenarios.ScenarioNames.BuiltIn) Assert.Contains($"id=\"scenario-{name}\"", dom);
        var drops = run.Tables.Scenarios.Where(x => x.Scenario == "lead_firm_exit" && x.DeltaLargestComponentShare < 0)
            .OrderBy(x => x.DeltaLargestComponentShare).ThenBy(x => x.ClusterId, StringComparer.Ordinal).Take(10).Select(x => x.ClusterId).ToList();
        var leadChart = Regex.Match(dom, "<svg id=\"chart-scenario-lead_firm_exit\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Equal(drops, Regex.Matches(leadChart, "<title>[^<]*\\(([^)]+)\\),").Select(m => m.Groups[1].Value).ToList());
        var mostExposed = run.Tables.Scenarios.Where(x => x.Scenario == "foreign_demand_stop").MaxBy(x => x.EmployeesExposed)!;
        Assert.True(mostExposed.EmployeesExposed > 0);
        var foreignFigure = Regex.Match(dom, "<figure id=\"scenario-foreign_demand_stop\".*?</figure>", RegexOptions.Singleline).Value;
        Assert.Contains($"({mostExposed.ClusterId})</td><td>{mostExposed.EmployeesExposed:#,0}</td>", foreignFigure);
    }

    [Fact]
    public async Task Report_of_a_store_without_runs_exits_with_2()
    {
        using var empty = new TempFolder();
        Assert.Equal(ExitCodes.BadInput, await Pipeline.Client.Program.Main(["report", "--output", empty.Path, "--html", empty.File("r.html")]));
        Assert.Equal(ExitCodes.BadInput, await Pipeline.Client.Program.Main(["report", "no-such-run", "--output", empty.Path, "--html", empty.File("r.html")]));
    }
}

/// <summary>Axis ticks of the report's charts: round steps covering the range, zero printed as 0.</summary>
public class SvgTickTests
{
    [Theory]
    [InlineData(0, 0.22, new[] { 0, 0.05, 0.1, 0.15, 0.2 })]
    [InlineData(-2.3, 1.8, new[] { -2.0, -1, 0, 1 })]
    [InlineData(-1.05, 0.8, new[] { -1.0, -0.5, 0, 0.5 })]
    public void Ticks_use_the_smallest_round_step_that_gives_at_most_about_five(double min, double max, double[] expected)
    {
        var ticks = Svg.Ticks(min, max);
        Assert.Equal(expected.Length, ticks.Count);
        for (int i = 0; i < ticks.Count; i++) Assert.Equal(expected[i], ticks[i], 1e-12);
        Assert.DoesNotContain(ticks, t => Svg.V(t) == "-0");
    }
}
