namespace Pipeline.Client.Scheduling;

/// <summary>Starts one run for the scheduler and returns the CLI's exit code (see <see cref="Commands.ExitCodes"/>).</summary>
public interface IScheduledRunner
{
    Task<int> RunAsync(string runId, CancellationToken ct);
}

/// <summary>
/// Runs the CLI's own <c>run</c> command in this process with <c>--trigger scheduled</c>, so a scheduled run is exactly a
/// manual one (same choice of embedded silo or cluster, settings, output, exit codes), embedded or on the cluster (<c>--cluster</c>).
/// </summary>
public sealed class CliRunner(string input, string output, IReadOnlyList<string> extraArguments) : IScheduledRunner
{
    public Task<int> RunAsync(string runId, CancellationToken ct) =>
        Program.Main(["run", "--input", input, "--output", output, "--run-id", runId, "--trigger", Grains.Runs.RunTriggers.Scheduled, "--plain", .. extraArguments]);
}
