using System.CommandLine;
using Pipeline.Client.Configuration;
using Pipeline.Grains.Runs;
using Pipeline.Storage;

namespace Pipeline.Client.Commands;

/// <summary>
/// <c>status [RUN_ID] [--output DIR_OR_URI]</c>: a run's progress from any machine that reaches the output store, read
/// from its <c>_status.json</c> (state, stage, units done of total, error). Without RUN_ID: the most recently updated run.
/// Exit 0 running or finished, 1 failed, 2 no such run.
/// </summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var runId = new Argument<string?>("RUN_ID") { Description = "Run id (default: the most recently updated run)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--output") { Description = "Output folder or blob URI (default ./out, or Run:Output)" };
        var command = new Command("status", "Show a run's state and progress from its _status.json") { runId, output };
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
            var progress = status.UnitsTotal > 0 ? $", {status.UnitsDone:N0}/{status.UnitsTotal:N0} units ({100.0 * status.UnitsDone / status.UnitsTotal:F0} %)" : "";
            System.Console.WriteLine($"run {status.RunId}: {status.State.ToString().ToLowerInvariant()}, stage {status.Stage}{progress}, engine {status.Engine}, " +
                                     $"started {status.StartedAt:u}, updated {status.UpdatedAt:u}");
            if (status.Error is not null) System.Console.WriteLine($"error: {status.Error}");
            return status.State == RunState.Failed ? ExitCodes.RunFailed : ExitCodes.Ok;
        });
        return command;
    }
}
