using System.Diagnostics;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Runs;

namespace Pipeline.Grains.Telemetry;

/// <summary>
/// Wraps a run's observer and turns engine reports into telemetry: a <c>pipeline.unit</c> span per
/// <see cref="UnitReport"/> (with the unit's own start and end times, under the compute stage span, whichever thread
/// or host reported it) plus unit counters and durations; queue depths into the gauge. Everything is forwarded.
/// </summary>
public sealed class TelemetryRunObserver(IRunObserver inner, string engine) : IRunObserver
{
    /// <summary>The span of the stage under way; unit spans are its children.</summary>
    public ActivityContext StageContext { get; set; }

    public void StageStarted(RunStage stage, string detail) => inner.StageStarted(stage, detail);
    public void Progress(RunStage stage, long done, long total) => inner.Progress(stage, done, total);
    public void StageFinished(RunStage stage, TimeSpan elapsed) => inner.StageFinished(stage, elapsed);
    public void Info(string message) => inner.Info(message);

    public void QueueDepth(string queue, long depth)
    {
        PipelineTelemetry.RecordQueueDepth(queue, depth);
        inner.QueueDepth(queue, depth);
    }

    public void UnitFinished(UnitReport report)
    {
        var kind = report.Unit switch { ClusterUnit => "cluster", FirmPartitionUnit => "firm_partition", _ => report.Unit.GetType().Name };
        var tags = new TagList { { PipelineTelemetry.UnitKindKey, kind }, { PipelineTelemetry.EngineKey, engine } };
        if (report.Error is null) PipelineTelemetry.UnitsDone.Add(1, tags); else PipelineTelemetry.UnitsFailed.Add(1, tags);
        PipelineTelemetry.UnitDuration.Record(report.Duration.TotalSeconds, tags);
        EmitSpan(report, kind);
        inner.UnitFinished(report);
    }

    private void EmitSpan(UnitReport report, string kind)
    {
        if (!PipelineTelemetry.Source.HasListeners()) return;
        var previous = Activity.Current; // starting a span makes it current on this thread: put the old one back
        try
        {
            var span = PipelineTelemetry.Source.StartActivity(PipelineTelemetry.UnitSpan, ActivityKind.Internal, StageContext, startTime: report.Started);
            if (span is null) return;
            span.SetTag(PipelineTelemetry.UnitIdKey, report.Unit.UnitId).SetTag(PipelineTelemetry.UnitKindKey, kind)
                .SetTag(PipelineTelemetry.HostKey, report.Host).SetTag(PipelineTelemetry.RowsInKey, report.RowsIn).SetTag(PipelineTelemetry.RowsOutKey, report.RowsOut);
            switch (report.Unit)
            {
                case ClusterUnit c: span.SetTag(PipelineTelemetry.ClusterIdKey, c.ClusterId); break;
                case FirmPartitionUnit p: span.SetTag(PipelineTelemetry.FirmPartitionKey, p.Partition); break;
            }
            if (report.Error is not null) span.SetStatus(ActivityStatusCode.Error, report.Error);
            span.SetEndTime(report.Finished.UtcDateTime);
            span.Stop();
        }
        finally
        {
            Activity.Current = previous;
        }
    }
}
