using Microsoft.Extensions.Logging;
using Pipeline.Grains.Runs;

namespace Pipeline.Client.Telemetry;

/// <summary>
/// Writes a run's stages, messages and failed units to an <see cref="ILogger"/> (so, with OpenTelemetry on, as log
/// records tied to the stage's span) and forwards everything to <paramref name="inner"/>. Per-unit successes and
/// progress are not logged: the unit spans and metrics carry them.
/// </summary>
public sealed class LoggingRunObserver(IRunObserver inner, ILogger logger) : IRunObserver
{
    public void StageStarted(RunStage stage, string detail)
    {
        logger.LogInformation("stage {Stage} started: {Detail}", Name(stage), detail);
        inner.StageStarted(stage, detail);
    }

    public void Progress(RunStage stage, long done, long total) => inner.Progress(stage, done, total);

    public void StageFinished(RunStage stage, TimeSpan elapsed)
    {
        logger.LogInformation("stage {Stage} finished in {Seconds:F1} s", Name(stage), elapsed.TotalSeconds);
        inner.StageFinished(stage, elapsed);
    }

    public void Info(string message)
    {
        logger.LogInformation("{Message}", message);
        inner.Info(message);
    }

    public void UnitFinished(UnitReport report)
    {
        if (report.Error is not null) logger.LogWarning("unit {Unit} failed on {Host}: {Error}", report.Unit.UnitId, report.Host, report.Error);
        inner.UnitFinished(report);
    }

    public void QueueDepth(string queue, long depth) => inner.QueueDepth(queue, depth);

    private static string Name(RunStage stage) => stage.ToString().ToLowerInvariant();
}
