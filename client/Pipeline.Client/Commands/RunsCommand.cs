using System.CommandLine;
using Pipeline.Client.Configuration;
using Pipeline.Grains.Runs;
using Pipeline.Storage;
using Spectre.Console;

namespace Pipeline.Client.Commands;

/// <summary><c>runs [--store DIR_OR_URI] [--limit N]</c>: the run history read from the output store's run folders (see <see cref="RunHistory"/>).</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "Output store holding runs/ (folder or blob URI; default ./out, or Run:Output in appsettings.json)" };
        var limit = new Option<int>("--limit") { Description = "Show at most this many runs, newest first", DefaultValueFactory = _ => 50 };
        var command = new Command("runs", "List runs (id, trigger, start, end, status, rows, quarantined) from the output store") { store, limit };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var config = PipelineConfiguration.Load(new Dictionary<string, string?> { ["Run:Output"] = parse.GetValue(store) });
                var output = ObjectStores.Open(config.Output);
                var runs = await RunHistory.ListAsync(output, ct);
                Print(AnsiConsole.Console, runs.Take(Math.Max(1, parse.GetValue(limit))).ToList(), output.DisplayUri, runs.Count);
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
