using Microsoft.Extensions.Logging;
using Pipeline.Client.Commands;
using Quartz;

namespace Pipeline.Client.Scheduling;

/// <summary>
/// One scheduled occurrence with retries: the first attempt's run id is the fire time
/// (<c>20261122T020000Z</c>), a retry's adds <c>-retryN</c>. A failed run (exit 1) is retried after the
/// <see cref="RetryPolicy"/>'s wait (exponential: initial × factor^(n−1), capped) until it succeeds or
/// <see cref="RetryPolicy.MaxAttempts"/> retries are spent; bad input (2) or an existing run id (3) is not retried,
/// as running again cannot help. Waiting happens inside the occurrence, so no new occurrence starts meanwhile.
/// </summary>
public static class RetryingRun
{
    public sealed record Outcome(int ExitCode, int Attempts, IReadOnlyList<string> RunIds);

    public static async Task<Outcome> RunAsync(IScheduledRunner runner, RetryPolicy policy, DateTimeOffset fireTimeUtc, ILogger log,
        Func<TimeSpan, CancellationToken, Task> wait, CancellationToken ct)
    {
        var baseId = Grains.Runs.RunId.FromStartTime(fireTimeUtc);
        var ids = new List<string>();
        for (int attempt = 1; ; attempt++)
        {
            var runId = attempt == 1 ? baseId : $"{baseId}-retry{attempt - 1}";
            ids.Add(runId);
            log.LogInformation("scheduled run {RunId} starting (attempt {Attempt})", runId, attempt);
            int exit;
            try { exit = await runner.RunAsync(runId, ct).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "scheduled run {RunId} crashed", runId);
                exit = ExitCodes.RunFailed;
            }
            if (exit == ExitCodes.Ok)
            {
                log.LogInformation("scheduled run {RunId} finished", runId);
                return new(exit, attempt, ids);
            }
            if (exit == ExitCodes.Cancelled)
            {
                log.LogWarning("scheduled run {RunId} was cancelled by a signal (exit {Exit}); not retried", runId, exit);
                return new(exit, attempt, ids);
            }
            if (exit != ExitCodes.RunFailed)
            {
                log.LogError("scheduled run {RunId} refused (exit {Exit}: bad input or existing run id); not retried", runId, exit);
                return new(exit, attempt, ids);
            }
            int retry = attempt; // retries used so far + 1
            if (policy.MaxAttempts < retry)
            {
                log.LogError("scheduled run {RunId} failed; {Retries} retries spent, giving up until the next occurrence", runId, policy.MaxAttempts);
                return new(exit, attempt, ids);
            }
            var delay = policy.DelayFor(retry);
            log.LogWarning("scheduled run {RunId} failed; retry {Retry} of {Max} in {Delay}", runId, retry, policy.MaxAttempts, delay);
            await wait(delay, ct).ConfigureAwait(false);
        }
    }
}
