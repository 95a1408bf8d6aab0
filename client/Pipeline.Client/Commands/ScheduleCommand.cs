using System.CommandLine;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Scheduling;
using Pipeline.Client.Telemetry;
using Quartz;

namespace Pipeline.Client.Commands;

/// <summary>
/// <c>schedule --cron "0 0 2 ? * SUN" [--time-zone Asia/Shanghai] --input … --output … [--cluster [ID]]</c>: stays up and
/// starts a full recomputation at every cron occurrence (trigger <c>scheduled</c>), never two at once, retrying a
/// failed run with exponential backoff. Stop with SIGTERM or Ctrl+C: no new runs start, a run under way is waited for. See docs/operations.md.
/// </summary>
public static class ScheduleCommand
{
    public static Command Create()
    {
        var cron = new Option<string>("--cron") { Description = "Quartz cron: sec min hour day-of-month month day-of-week, e.g. \"0 0 2 ? * SUN\" (Sundays 02:00)", Required = true };
        var zone = new Option<string?>("--time-zone") { Description = "Time zone of the cron times (IANA id, e.g. Asia/Shanghai; default UTC)" };
        var input = new Option<string>("--input") { Description = "Input folder or blob URI", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Output folder or blob URI", Required = true };
        var cluster = new Option<string?>("--cluster") { Description = "Start the runs on the Orleans cluster (passed on to `run --cluster`; default: an embedded silo per run)", Arity = ArgumentArity.ZeroOrOne };
        var retries = new Option<int>("--retries") { Description = "Retries of a failed run (0 = none)", DefaultValueFactory = _ => 3 };
        var retryDelay = new Option<TimeSpan>("--retry-delay") { Description = "Wait before the first retry; doubles per retry, at most 1 hour", DefaultValueFactory = _ => TimeSpan.FromMinutes(5) };
        var command = new Command("schedule", "Run the pipeline on a cron schedule (long-running; see docs/operations.md)")
            { cron, zone, input, output, cluster, retries, retryDelay };
        command.SetAction(async (parse, ct) =>
        {
            CronSchedule schedule;
            RetryPolicy policy;
            try
            {
                schedule = CronSchedule.Parse(parse.GetValue(cron)!, parse.GetValue(zone));
                policy = Policy(parse.GetValue(retries), parse.GetValue(retryDelay));
            }
            catch (ArgumentException e)
            {
                await System.Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            using var telemetry = TelemetrySession.Start(consoleLogs: true);
            var log = telemetry.Logger;
            string[] extra = parse.GetResult(cluster) is null ? [] : parse.GetValue(cluster) is { Length: > 0 } id ? ["--cluster", id] : ["--cluster"];
            var context = new ScheduleContext(new CliRunner(parse.GetValue(input)!, parse.GetValue(output)!, extra), policy, log);
            await using var scheduler = await PipelineScheduler.StartAsync(schedule, context, telemetry.LoggerFactory, ct: ct);
            log.LogInformation("scheduled \"{Cron}\" in {Zone}; next runs at {Next} (UTC); retries {Retries}",
                schedule.Expression, schedule.TimeZone.Id, string.Join(", ", schedule.NextFires(DateTimeOffset.UtcNow, 3).Select(t => t.ToString("u"))), policy.MaxAttempts);
            // Stop on SIGTERM (systemd, Kubernetes) or Ctrl+C: no new runs, and wait for a run under way to end.
            using var stop = new TerminationSignals(ct);
            try { await Task.Delay(Timeout.Infinite, stop.Token); }
            catch (OperationCanceledException)
            {
                log.LogInformation("stopping: no new runs; waiting for a run under way ({RunId}) to end", context.Gate.Current ?? "none");
                await scheduler.StopAsync(waitForRun: true);
                log.LogInformation("stopped");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Exponential backoff: delay, 2×delay, 4×delay, … capped at one hour (or at the first delay if longer).</summary>
    public static RetryPolicy Policy(int retries, TimeSpan firstDelay)
    {
        if (retries < 0) throw new ArgumentException("--retries must be 0 or more.");
        if (firstDelay < TimeSpan.Zero) throw new ArgumentException("--retry-delay must not be negative.");
        return retries == 0 ? RetryPolicy.None : RetryPolicy.Exponential(retries, firstDelay, 2.0, TimeSpan.FromTicks(Math.Max(firstDelay.Ticks, TimeSpan.FromHours(1).Ticks)));
    }
}
