using System.CommandLine;
using Pipeline.Client.Cli;
using Pipeline.Client.Cluster;
using Pipeline.Client.Configuration;
using Pipeline.Grains.Runs;
using Pipeline.Orleans.Runs;

namespace Pipeline.Client.Commands;

/// <summary>
/// <c>cancel RUN_ID [--output DIR_OR_URI] [--cluster [ID]]</c>: cancels a run going on the Orleans cluster. Its coordinator
/// stops at the next unit boundary; the run ends <c>failed</c> with a <c>cancelled …</c> error and publishes nothing.
/// Exit 0 once it has stopped, 2 if the cluster has no such run or it is no longer running.
/// </summary>
public static class CancelCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("RUN_ID") { Description = "The run to cancel" };
        var output = CliOptions.OutputStore("The run's output store, as given to `run` (default ./out, or Run:Output)");
        var cluster = new Option<string?>("--cluster") { Description = "The Orleans cluster (id: Cluster:ClusterId, default pipeline) the run goes on", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("cancel", "Cancel a run going on the Orleans cluster (nothing is published)") { runId, output, cluster };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var config = PipelineConfiguration.Load(new Dictionary<string, string?> { ["Run:Output"] = parse.GetValue(output) });
                var id = RunId.Validate(parse.GetValue(runId)!);
                await using var connection = await PipelineConnection.ConnectAsync(config, parse.GetValue(cluster), ct);
                var run = connection.Grains.GetGrain<IRunGrain>(RunKeys.Of(id, RunLocations.ForSilos(config.Output, cluster: true)));
                var before = await run.GetProgress(int.MaxValue);
                if (before.Phase != RunPhase.Running)
                {
                    await System.Console.Error.WriteLineAsync(before.Phase == RunPhase.None
                        ? $"error: the cluster has no run '{id}' writing to {config.Output}"
                        : $"error: run '{id}' is not running (it {(before.Phase == RunPhase.Finished ? "finished" : "failed")})");
                    return ExitCodes.BadInput;
                }
                await run.Cancel();
                var after = await RunFollower.FollowAsync(run, await run.GetProgress(int.MaxValue), NullRunObserver.Instance, ct);
                System.Console.WriteLine(after.Last.Failure == RunFailure.Cancelled
                    ? $"run {id} cancelled: nothing was published"
                    : $"run {id} ended before the cancellation took effect: {after.Last.Phase.ToString().ToLowerInvariant()}");
                return ExitCodes.Ok;
            }
            catch (ClusterUnavailableException e)
            {
                await System.Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.RunFailed;
            }
            catch (ArgumentException e)
            {
                await System.Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
