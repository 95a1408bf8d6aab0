using System.CommandLine;
using Pipeline.Client.Cli;
using Pipeline.Client.Configuration;
using Pipeline.Grains.Runs;
using Pipeline.Storage;
using Spectre.Console;

namespace Pipeline.Client.Commands;

/// <summary>
/// <c>runs [--output DIR_OR_URI] [--limit N] [--format table|json|tsv]</c>: the run history read from the output store's
/// run folders (see <see cref="RunHistory"/>). <c>--store</c> is the deprecated spelling of <c>--output</c>.
/// </summary>
public static class RunsCommand
{
    /// <summary>The fields of <c>--format json|tsv</c> (documented in the README: keep them stable).</summary>
    public static readonly IReadOnlyList<Field<RunHistoryEntry>> Fields =
    [
        new("run_id", r => r.RunId), new("state", r => r.State), new("trigger", r => r.Trigger),
        new("started_at", r => r.StartedAt), new("ended_at", r => r.EndedAt),
        new("rows_read", r => r.RowsRead), new("quarantined", r => r.Quarantined),
        new("error", r => r.Error), new("engine", r => r.Engine),
    ];

    public static Command Create()
    {
        var output = CliOptions.OutputStore();
        var store = CliOptions.DeprecatedStore();
        var limit = new Option<int>("--limit") { Description = "Show at most this many runs, newest first", DefaultValueFactory = _ => 50 };
        var format = CliOptions.Format();
        var command = new Command("runs", "List runs (id, trigger, start, end, status, rows, quarantined) from the output store") { output, store, limit, format };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var config = PipelineConfiguration.Load(new Dictionary<string, string?> { ["Run:Output"] = CliOptions.Store(parse, output, store) });
                var location = ObjectStores.Open(config.Output);
                var runs = await RunHistory.ListAsync(location, ct);
                var shown = runs.Take(Math.Max(1, parse.GetValue(limit))).ToList();
                switch (CliOptions.FormatOf(parse, format))
                {
                    case OutputFormat.Json: Records.WriteJsonArray(System.Console.Out, Fields, shown); break;
                    case OutputFormat.Tsv: Records.WriteTsv(System.Console.Out, Fields, shown); break;
                    default: Print(AnsiConsole.Console, shown, location.DisplayUri, runs.Count); break;
                }
                return ExitCodes.Ok;
            }
            catch (ArgumentException e)
            {
                await System.Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    public static void Print(IAnsiConsole console, IReadOnlyList<RunHistoryEntry> runs, string store, int total)
    {
        if (runs.Count == 0) { console.WriteLine($"No runs in {store}."); return; }
        var table = new Table().Title($"Runs in {Markup.Escape(store)} ({runs.Count} of {total})");
        foreach (var c in new[] { "run_id", "trigger", "started (UTC)", "ended (UTC)", "status", "rows read", "quarantined", "error" }) table.AddColumn(c);
        foreach (var r in runs)
            table.AddRow(Markup.Escape(r.RunId), r.Trigger ?? "–", Time(r.StartedAt), Time(r.EndedAt),
                r.State switch { "finished" => "[green]finished[/]", "failed" => "[red]failed[/]", "running" => "[yellow]running[/]", var s => s },
                r.RowsRead?.ToString("N0") ?? "–", r.Quarantined?.ToString("N0") ?? "–", Markup.Escape(r.Error ?? ""));
        console.Write(table);
    }

    private static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") ?? "–";
}
