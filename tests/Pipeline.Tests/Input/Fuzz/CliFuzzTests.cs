using System.Text.Json;
using Pipeline.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Tests.Input.Fuzz;

/// <summary>
/// Issue 17's fuzz test through the real command line, on a subset of the mutations (one or two of each kind):
/// <c>pipeline run --input DIR --output DIR --run-id fuzz</c> exits 0 or 2 and never prints a stack trace. On 2
/// nothing is published and the one message (stderr and <c>_status.json</c>) is short and names the file; on 0 the
/// manifest's counts are the library's (whose reconciliation the in-process test checks), the quarantine table
/// holds them with contract reason codes, and no published metric is NaN or infinite (read back by DuckDB).
/// Only the command's public behaviour is used: arguments, exit code, output and the published files.
/// </summary>
public class CliFuzzTests(ITestOutputHelper output)
{
    private const string RunId = "fuzz";

    /// <summary>Which catalog cases go end to end: the first case matching each.</summary>
    private static readonly Func<FuzzCase, bool>[] Picks =
    [
        c => c.Name == "UTF-8 BOM on every file",
        c => c.Kind == "truncate" && c.Name.StartsWith("firms.csv at byte", StringComparison.Ordinal),
        c => c.Kind == "byte flip" && c.Name.StartsWith("firms.csv", StringComparison.Ordinal),
        c => c.Kind == "ragged" && c.Name.StartsWith("firms.csv", StringComparison.Ordinal) && c.Name.Contains("decimal comma", StringComparison.Ordinal),
        c => c.Kind == "quoting" && c.Name.StartsWith("links.csv quote opened", StringComparison.Ordinal),
        c => c.Kind == "quoting" && c.Name.StartsWith("firms.csv stray quotes", StringComparison.Ordinal),
        c => c.Name == "links.csv column weight repeated",
        c => c.Name == "firms.csv header of 100,000 columns",
        c => c.Name.StartsWith("links.csv weight = '1.7e308'", StringComparison.Ordinal),
        c => c.Name.StartsWith("firms.csv employees = '9223372036854775807'", StringComparison.Ordinal),
        c => c.Name == "firms.csv every employees 1e8, revenue and export 1e15",
        c => c.Name == "firms.csv ids 90\\xFE and 90\\xFF",
        c => c.Name == "lost+found mode 000 with a subfolder",
        c => c.Name == "links.csv missing",
    ];

    public static TheoryData<string> Cases()
    {
        var all = MutationCatalog.All(InputFuzzTests.Seed).ToList();
        var data = new TheoryData<string>();
        foreach (var pick in Picks) data.Add(all.First(pick).Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_command_line_exits_0_reconciled_and_finite_or_2_with_one_short_message(string name)
    {
        var c = MutationCatalog.All(InputFuzzTests.Seed).First(x => x.Name == name);
        using var input = new TempFolder();
        using var outputDir = new TempFolder();
        c.Input.WriteTo(input.Path);
        ProcessResult run;
        try { run = await PipelineProcess.RunAsync(["run", "--input", input.Path, "--output", outputDir.Path, "--run-id", RunId]); }
        finally { c.Input.CleanUp(input.Path); }
        output.WriteLine($"{c}: exit {run.ExitCode}");

        Assert.True(run.ExitCode is 0 or 2, $"exit {run.ExitCode}\n{run.Output}");
        Assert.False(ContractReasons.HasStackTrace(run.Stdout + run.Stderr), run.Output);
        var runFolder = Path.Combine(outputDir.Path, "runs", RunId);
        if (run.ExitCode == 2) AssertRefused(run, outputDir.Path, runFolder);
        else await AssertFinishedAsync(c, runFolder);
    }

    private static void AssertRefused(ProcessResult run, string outputRoot, string runFolder)
    {
        Assert.Empty(Directory.EnumerateFiles(outputRoot, "_manifest.json", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(outputRoot, "latest")), "latest was moved");
        Assert.Empty(Directory.EnumerateFiles(outputRoot, "*.parquet", SearchOption.AllDirectories));
        var message = run.Stderr.Trim();
        Assert.True(message.Length is > 0 and < ContractReasons.MaxMessage, $"stderr of {message.Length} characters");
        Assert.True(ContractReasons.NamesAFile(message), message);
        var status = Path.Combine(runFolder, "_status.json");
        if (File.Exists(status))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(status));
            var error = doc.RootElement.TryGetProperty("error", out var e) ? e.GetString() ?? "" : "";
            Assert.True(error.Length < ContractReasons.MaxMessage, $"_status.json error of {error.Length} characters");
        }
    }

    private static async Task AssertFinishedAsync(FuzzCase c, string runFolder)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(runFolder, "_manifest.json")));
        var rowsRead = manifest.RootElement.GetProperty("rows_read");
        var quarantined = manifest.RootElement.GetProperty("quarantined");

        // The command line read what the library reads (the in-process fuzz test checks the library's counts).
        var expected = await FuzzRunner.ReadAsync(c.Input);
        foreach (var t in expected.Quarantine.Tables)
        {
            Assert.Equal(t.Read, rowsRead.GetProperty(t.Table).GetInt64());
            Assert.Equal(t.Quarantined, quarantined.GetProperty(t.Table).GetInt64());
        }

        // One DuckDB query: quarantine rows per table and code, metric rows with NaN or infinity, negative totals.
        var parts = new List<string>();
        if (TableParts.Of(runFolder, "quarantine").Count > 0)
            parts.Add($"SELECT 'quarantine' AS k, source_table || ' ' || reason_code AS v, count(*) AS n FROM {TableParts.ReadParquet(runFolder, "quarantine")} GROUP BY ALL");
        foreach (var t in new[] { "firm_metrics", "cluster_metrics", "region_metrics" }.Where(t => TableParts.Of(runFolder, t).Count > 0))
            parts.Add($"SELECT 'non-finite' AS k, CAST(r AS VARCHAR) AS v, 1::BIGINT AS n FROM {TableParts.ReadParquet(runFolder, t)} r WHERE regexp_matches(CAST(r AS VARCHAR), ': -?(nan|inf)[,}}]')");
        if (TableParts.Of(runFolder, "cluster_metrics").Count > 0)
            parts.Add($"SELECT 'negative total' AS k, cluster_id AS v, 1::BIGINT AS n FROM {TableParts.ReadParquet(runFolder, "cluster_metrics")} WHERE employees < 0 OR revenue < 0");
        var perTable = new Dictionary<string, long>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var row in parts.Count == 0 ? [] : DuckDb.Query(string.Join(" UNION ALL ", parts)))
        {
            string k = row.GetProperty("k").GetString()!, v = row.GetProperty("v").GetString()!;
            if (k != "quarantine") { problems.Add($"{k}: {v}"); continue; }
            var (table, code) = (v[..v.IndexOf(' ')], v[(v.IndexOf(' ') + 1)..]);
            if (!ContractReasons.Codes.Contains(code)) problems.Add($"reason code '{code}'");
            perTable[table] = perTable.GetValueOrDefault(table) + long.Parse(row.GetProperty("n").GetString()!);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
        foreach (var t in expected.Quarantine.Tables) Assert.Equal(t.Quarantined, perTable.GetValueOrDefault(t.Table));
    }
}
