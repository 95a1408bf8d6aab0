using System.CommandLine;
using Pipeline.Client.Cli;
using Pipeline.Client.Configuration;
using Pipeline.Grains.Runs;
using Pipeline.Storage;

namespace Pipeline.Client.Commands;

/// <summary>
/// <c>status [RUN_ID] [--output DIR_OR_URI] [--format table|json|tsv]</c>: a run's progress from any machine that reaches the output store, read
/// from its <c>_status.json</c> (state, stage, units done of total, error). Without RUN_ID: the most recently updated run.
/// Exit 0 running or finished, 1 failed, 2 no such run.
/// </summary>
public static class StatusCommand
{
    /// <summary>The fields of <c>--format json|tsv</c> (documented in the README: keep them stable).</summary>
    public static readonly IReadOnlyList<Field<RunStatus>> Fields =
    [
        new("run_id", s => s.RunId), new("state", s => State(s)), new("stage", s => s.Stage),
        new("units_done", s => s.UnitsDone), new("units_total", s => s.UnitsTotal),
        new("trigger", s => s.Trigger), new("started_at", s => s.StartedAt), new("updated_at", s => s.UpdatedAt),
        new("error", s => s.Error), new("engine", s => s.Engine), new("trace_id", s => s.TraceId),
    ];

    public static Command Create()
    {
        var runId = new Argument<string?>("RUN_ID") { Description = "Run id (default: the most recently updated run)", Arity = ArgumentArity.ZeroOrOne };
        var output = CliOptions.OutputStore();
        var format = CliOptions.Format();
        var command = new Command("status", "Show a run's state and progress from its _status.json") { runId, output, format };
        command.SetAction(async (parse, ct) =>
        {
            var config = PipelineConfiguration.Load(new Dictionary<string, string?> { ["Run:Output"] = parse.GetValue(output) });
            var store = ObjectStores.Open(config.Output);
            var id = parse.GetValue(runId);
            string? name = id is not null ? new RunLayout(RunId.Validate(id)).Status : null;
            if (name is null)
            {
                ObjectInfo? newest = null;
                await foreach (var o in store.ListAsync(RunLayout.RunsFolder + "/", ct))
                    if (o.Name.EndsWith("/_status.json", StringComparison.Ordinal) && (newest is null || o.LastModified > newest.LastModified)) newest = o;
                name = newest?.Name;
            }
            if (name is null || await store.GetInfoAsync(name, ct) is null)
            {
                await System.Console.Error.WriteLineAsync($"error: no run {(id is null ? "" : $"'{id}' ")}in {store.DisplayUri}");
                return ExitCodes.BadInput;
            }
            await using var s = await store.OpenReadAsync(name, ct);
            using var ms = new MemoryStream();
            await s.CopyToAsync(ms, ct);
            var status = RunJson.Deserialize<RunStatus>(ms.ToArray())!;
            switch (CliOptions.FormatOf(parse, format))
            {
                case OutputFormat.Json: Records.WriteJsonObject(System.Console.Out, Fields, status); break;
                case OutputFormat.Tsv: Records.WriteTsv(System.Console.Out, Fields, [status]); break;
                default: Print(status); break;
            }
            return status.State == RunState.Failed ? ExitCodes.RunFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static string State(RunStatus status) => status.State.ToString().ToLowerInvariant();

    private static void Print(RunStatus status)
    {
        var progress = status.UnitsTotal > 0 ? $", {status.UnitsDone:N0}/{status.UnitsTotal:N0} units ({100.0 * status.UnitsDone / status.UnitsTotal:F0} %)" : "";
        System.Console.WriteLine($"run {status.RunId}: {State(status)}, stage {status.Stage}{progress}, engine {status.Engine}, " +
                                 $"started {status.StartedAt:u}, updated {status.UpdatedAt:u}");
        if (status.Error is not null) System.Console.WriteLine($"error: {status.Error}");
    }
}
