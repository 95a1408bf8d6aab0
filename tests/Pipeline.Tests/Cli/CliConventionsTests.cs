using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Client.Cli;
using Pipeline.Client.Commands;
using Pipeline.Tests.Support;
using Spectre.Console;
using Xunit;

namespace Pipeline.Tests.Cli;

/// <summary>
/// The command line's conventions, on the real process with stdout redirected (as in a pipe, cron or CI): no escape
/// byte anywhere, tables not wrapped to 80 columns, --format json|tsv with the README's fields, one name per concept
/// (--output is the store) with the old spellings still working and warning on stderr, --version, grouped run --help.
/// </summary>
public class CliConventionsTests(CliRun fixture) : IClassFixture<CliRun>
{
    private const char Esc = '\u001b';
    private string Out => fixture.Output.Path;

    private static void AssertNoEscapes(ProcessResult r, string what)
    {
        Assert.False(r.Stdout.Contains(Esc), $"ESC in stdout of {what}:\n{r.Output}");
        Assert.False(r.Stderr.Contains(Esc), $"ESC in stderr of {what}:\n{r.Output}");
    }

    [Fact]
    public async Task No_command_writes_an_escape_byte_when_redirected()
    {
        AssertNoEscapes(fixture.Run, "run");
        Assert.Contains("Largest clusters", fixture.Run.Stdout);
        using var data = new TempFolder();
        using var html = new TempFolder();
        (string[] Args, int Exit)[] commands =
        [
            (["runs", "-o", Out], 0), (["runs", "-o", Out, "--format", "json"], 0), (["runs", "-o", Out, "--format", "tsv"], 0),
            (["status", CliRun.RunId, "-o", Out], 0), (["status", "-o", Out, "--format", "json"], 0), (["status", "-o", Out, "--format", "tsv"], 0),
            (["status", "no-such-run", "-o", Out], ExitCodes.BadInput),
            (["report", "-o", Out, "--html", html.File("r.html")], 0),
            (["generate", "--preset", "sample", "-o", data.Path], 0),
            (["--help"], 0), (["run", "--help"], 0), (["runs", "--help"], 0), (["status", "--help"], 0), (["report", "--help"], 0),
            (["generate", "--help"], 0), (["schedule", "--help"], 0), (["--version"], 0),
        ];
        foreach (var (args, exit) in commands)
        {
            var r = await CliRun.Pipeline(args);
            Assert.True(r.ExitCode == exit, $"pipeline {string.Join(' ', args)}: {r.Output}");
            AssertNoEscapes(r, string.Join(' ', args));
        }
    }

    [Fact]
    public async Task Tables_are_not_wrapped_to_a_fixed_width_when_redirected()
    {
        var runs = await CliRun.Pipeline("runs", "-o", Out);
        Assert.Contains(Lines(runs.Stdout), l => l.Contains("run_id") && l.Contains("started (UTC)") && l.Contains("quarantined") && l.Contains("error"));
        Assert.Contains(Lines(fixture.Run.Stdout), l => l.Contains("cluster_id") && l.Contains("avg clustering") && l.Contains("robustness"));
    }

    [Fact]
    public async Task Json_has_the_fields_the_readme_documents()
    {
        var runs = await CliRun.Pipeline("runs", "-o", Out, "--format", "json");
        using var list = JsonDocument.Parse(runs.Stdout);
        var run = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal(ReadmeFields.Of("runs"), run.EnumerateObject().Select(p => p.Name));
        Assert.Equal(RunsCommand.Fields.Select(f => f.Name), ReadmeFields.Of("runs"));
        Assert.Equal((CliRun.RunId, "finished", "manual"), (run.GetProperty("run_id").GetString(), run.GetProperty("state").GetString(), run.GetProperty("trigger").GetString()));
        Assert.True(run.GetProperty("rows_read").GetInt64() > 0);
        Assert.Equal(0, run.GetProperty("quarantined").GetInt64());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("error").ValueKind);
        Assert.True(run.GetProperty("ended_at").GetDateTimeOffset() >= run.GetProperty("started_at").GetDateTimeOffset());

        var status = await CliRun.Pipeline("status", CliRun.RunId, "-o", Out, "--format", "json");
        using var one = JsonDocument.Parse(status.Stdout);
        Assert.Equal(ReadmeFields.Of("status"), one.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(StatusCommand.Fields.Select(f => f.Name), ReadmeFields.Of("status"));
        Assert.Equal("finished", one.RootElement.GetProperty("state").GetString());
        Assert.Equal(CliRun.RunId, one.RootElement.GetProperty("run_id").GetString());

        using var empty = new TempFolder();
        var none = await CliRun.Pipeline("runs", "-o", empty.Path, "--format", "json");
        Assert.Equal(0, JsonDocument.Parse(none.Stdout).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Tsv_has_a_header_row_of_the_json_fields()
    {
        var runs = Lines((await CliRun.Pipeline("runs", "-o", Out, "--format", "tsv")).Stdout);
        Assert.Equal(2, runs.Count);
        Assert.Equal(ReadmeFields.Of("runs"), runs[0].Split('\t'));
        Assert.Equal(CliRun.RunId, runs[1].Split('\t')[0]);
        Assert.Equal(runs[0].Split('\t').Length, runs[1].Split('\t').Length);

        var status = Lines((await CliRun.Pipeline("status", CliRun.RunId, "-o", Out, "--format", "tsv")).Stdout);
        Assert.Equal(ReadmeFields.Of("status"), status[0].Split('\t'));
        Assert.Equal([CliRun.RunId, "finished"], status[1].Split('\t')[..2]);
    }

    [Fact]
    public async Task Deprecated_spellings_still_work_and_warn_on_stderr()
    {
        var runs = await CliRun.Pipeline("runs", "--store", Out);
        Assert.True(runs.ExitCode == 0 && runs.Stdout.Contains(CliRun.RunId), runs.Output);
        Assert.Contains("warning: --store is deprecated", runs.Stderr);

        using var html = new TempFolder();
        var old = await CliRun.Pipeline("report", CliRun.RunId, "--store", Out, "--output", html.File("old.html"));
        Assert.True(old.ExitCode == 0 && File.Exists(html.File("old.html")), old.Output);
        Assert.Contains("warning: report --store STORE --output FILE is deprecated", old.Stderr);
        Assert.Contains("--html FILE", old.Stderr);

        // `report --output FILE.html` without --store: the old meaning (the HTML file), the store from configuration.
        var oldFile = await PipelineProcess.RunAsync(["report", "--output", html.File("default-store.html")], new Dictionary<string, string> { ["PIPELINE_Run__Output"] = Out });
        Assert.True(oldFile.ExitCode == 0 && File.Exists(html.File("default-store.html")), oldFile.Output);
        Assert.Contains("is deprecated", oldFile.Stderr);

        var ambiguous = await CliRun.Pipeline("report", "--store", Out, "--output", html.File("a.html"), "--html", html.File("b.html"));
        Assert.True(ambiguous.ExitCode == ExitCodes.BadInput && ambiguous.Stderr.Contains("ambiguous"), ambiguous.Output);
        var conflicting = await CliRun.Pipeline("runs", "-o", Out, "--store", html.Path);
        Assert.True(conflicting.ExitCode == ExitCodes.BadInput, conflicting.Output);

        // The new spellings say nothing on stderr.
        var current = await CliRun.Pipeline("report", "-o", Out, "--html", html.File("new.html"));
        Assert.True(current.ExitCode == 0 && File.Exists(html.File("new.html")) && current.Stderr.Length == 0, current.Output);
        var currentRuns = await CliRun.Pipeline("runs", "--output", Out);
        Assert.True(currentRuns.ExitCode == 0 && currentRuns.Stderr.Length == 0, currentRuns.Output);
    }

    [Theory]
    [InlineData("store", null, null, "store", "report.html", false)]          // report -o STORE
    [InlineData("store", null, "r.html", "store", "r.html", false)]           // report -o STORE --html FILE
    [InlineData(null, null, "r.html", null, "r.html", false)]                 // report --html FILE
    [InlineData("store.html", null, "r.html", "store.html", "r.html", false)] // --html given: --output is the store, whatever its name
    [InlineData("r.html", null, null, null, "r.html", true)]                  // old: report --output FILE.html
    [InlineData("r.HTM", null, null, null, "r.HTM", true)]
    [InlineData("r.html", "store", null, "store", "r.html", true)]            // old: report --store STORE --output FILE
    [InlineData(null, "store", null, "store", "report.html", true)]           // old: report --store STORE
    [InlineData(null, "store", "r.html", "store", "r.html", true)]            // --store STORE --html FILE
    public void Report_reads_old_and_new_spellings(string? output, string? store, string? html, string? expectedStore, string expectedHtml, bool warns)
    {
        var warnings = new List<string>();
        var targets = ReportCommand.Resolve(output, store, html, (old, _) => warnings.Add(old));
        Assert.Equal(new ReportCommand.Targets(expectedStore, expectedHtml), targets);
        Assert.Equal(warns, warnings.Count == 1);
    }

    [Fact]
    public void Report_with_store_output_and_html_is_ambiguous() =>
        Assert.Throws<ArgumentException>(() => ReportCommand.Resolve("a.html", "store", "b.html", (_, _) => { }));

    [Fact]
    public async Task Version_prints_the_version_and_the_commit()
    {
        var r = await CliRun.Pipeline("--version");
        Assert.Matches(new Regex(@"^pipeline \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,40}|nogit)\)$"), r.Stdout.Trim());
    }

    [Fact]
    public async Task Run_help_groups_every_option()
    {
        var help = (await CliRun.Pipeline("run", "--help")).Stdout;
        var headings = new[] { "Input/output:", "Metrics:", "Parquet", "Cluster:", "Other options:" }.Select(h => help.IndexOf("\n" + h, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, headings);
        Assert.Equal(headings.Order(), headings);
        foreach (var option in RunCommand.Create().Options.Where(o => !o.Hidden))
            Assert.Contains(option.Name, help);
        Assert.Contains("-o, --output <output>", help);
        Assert.Contains("Parquet:Codec", help);
        Assert.DoesNotContain("--trigger", help);
        Assert.Contains("-h, --help", help);
    }

    /// <summary>Select Graphic Rendition: colour, bold, dim… (not the .NET runtime's own keypad-mode sequence, ESC[?1h ESC=, on a terminal).</summary>
    private static readonly Regex Sgr = new(@"\u001b\[[0-9;]*m");

    [Fact]
    public void No_colour_with_NO_COLOR_on_a_terminal()
    {
        // On a terminal (a pseudo-terminal from script(1)) the table has colour; with NO_COLOR no colour or style at all.
        var coloured = Terminal(new Dictionary<string, string>(), "runs", "-o", Out);
        Assert.Matches(Sgr, coloured);
        var noColor = new Dictionary<string, string> { ["NO_COLOR"] = "1" };
        var runs = Terminal(noColor, "runs", "-o", Out);
        Assert.Contains(CliRun.RunId, runs);
        Assert.DoesNotMatch(Sgr, runs);
        Assert.DoesNotMatch(Sgr, Terminal(noColor, "status", CliRun.RunId, "-o", Out));
        using var output = new TempFolder();
        var run = Terminal(noColor, "run", "--input", Pipeline.Tests.EndToEnd.FixtureRun.InputFolder, "-o", output.Path, "--run-id", "nc");
        Assert.Contains("Largest clusters", run);
        Assert.DoesNotMatch(Sgr, run);
    }

    [Fact]
    public void Console_without_escapes_renders_markup_plainly()
    {
        var text = new StringWriter();
        var console = CliConsole.Create(text, redirected: false, noColor: true);
        console.MarkupLine("[red]failed[/] [bold]run[/]");
        Assert.Equal("failed run", text.ToString().TrimEnd());
        Assert.Equal(CliConsole.UnboundedWidth, CliConsole.Create(text, redirected: true, noColor: false).Profile.Width);
    }

    /// <summary>stdout (and stderr) of `pipeline ARGS` on a pseudo-terminal (script -qec), with stdin from /dev/null.</summary>
    private static string Terminal(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = PipelineProcess.StartInfo(args);
        var command = string.Join(' ', new[] { psi.FileName }.Concat(psi.ArgumentList).Select(a => "'" + a.Replace("'", "'\\''") + "'")) + " < /dev/null";
        var env = new Dictionary<string, string>(CliRun.ColourTerminal) { ["DOTNET_NOLOGO"] = "1" };
        foreach (var (k, v) in environment) env[k] = v;
        var (code, stdout, stderr) = ChildProcess.Run("script", ["-qec", command, "/dev/null"], TimeSpan.FromMinutes(3), env);
        Assert.True(code == 0, $"{command}: {stdout}\n{stderr}");
        return stdout + stderr;
    }

    private static List<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
}
