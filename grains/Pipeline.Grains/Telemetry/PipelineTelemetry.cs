using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.Grains.Telemetry;

/// <summary>
/// The pipeline's traces and metrics, through the BCL's <see cref="ActivitySource"/> and <see cref="Meter"/>, both
/// named <c>"Pipeline"</c>. Nothing is recorded or exported unless a listener (the OpenTelemetry SDK, set up by the
/// host from the OTEL_* environment variables) subscribes, so this costs next to nothing when telemetry is off.
/// Spans: <c>pipeline.run</c> → <c>pipeline.stage</c> (one per <see cref="Runs.RunStage"/>) → <c>pipeline.unit</c>
/// (one per unit of work, under the compute stage). Span names stay these three (low cardinality); run id, stage and unit are attributes.
/// </summary>
public static class PipelineTelemetry
{
    public const string Name = "Pipeline";

    public static readonly ActivitySource Source = new(Name, typeof(PipelineTelemetry).Assembly.GetName().Version?.ToString());
    public static readonly Meter Meter = new(Name, typeof(PipelineTelemetry).Assembly.GetName().Version?.ToString());

    // Span names and attribute keys (OpenTelemetry semantic conventions where one exists: host.name, error.type).
    public const string RunSpan = "pipeline.run";
    public const string StageSpan = "pipeline.stage";
    public const string UnitSpan = "pipeline.unit";
    public const string RunIdKey = "pipeline.run_id";
    public const string EngineKey = "pipeline.engine";
    public const string TriggerKey = "pipeline.trigger";
    public const string StageKey = "pipeline.stage";
    public const string UnitIdKey = "pipeline.unit.id";
    public const string UnitKindKey = "pipeline.unit.kind";
    public const string ClusterIdKey = "pipeline.cluster_id";
    public const string FirmPartitionKey = "pipeline.firm_partition";
    public const string RowsInKey = "pipeline.rows_in";
    public const string RowsOutKey = "pipeline.rows_out";
    public const string HostKey = "host.name";
    public const string TableKey = "pipeline.table";
    public const string QueueKey = "pipeline.queue";

    /// <summary>Units of work finished successfully.</summary>
    public static readonly Counter<long> UnitsDone = Meter.CreateCounter<long>("pipeline.units.done", "{unit}", "Units of work finished");
    /// <summary>Units of work that failed.</summary>
    public static readonly Counter<long> UnitsFailed = Meter.CreateCounter<long>("pipeline.units.failed", "{unit}", "Units of work failed");
    /// <summary>Duration of one unit of work.</summary>
    public static readonly Histogram<double> UnitDuration = Meter.CreateHistogram<double>("pipeline.unit.duration", "s", "Duration of one unit of work");
    /// <summary>Duration of one stage of a run.</summary>
    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("pipeline.stage.duration", "s", "Duration of one stage of a run");
    /// <summary>Firms computed per second of the compute stage (firms in clusters / compute seconds), once per run.</summary>
    public static readonly Gauge<double> FirmsPerSecond = Meter.CreateGauge<double>("pipeline.firms.rate", "{firm}/s", "Firms computed per second in the last run's compute stage");
    /// <summary>Bytes of Parquet written, per output table.</summary>
    public static readonly Counter<long> BytesWritten = Meter.CreateCounter<long>("pipeline.bytes.written", "By", "Bytes of Parquet written");
    /// <summary>Runs ended, by state and trigger.</summary>
    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("pipeline.runs", "{run}", "Runs ended");
    /// <summary>Messages waiting in an engine's work queue (reported by engines that have one).</summary>
    public static readonly Gauge<long> QueueDepth = Meter.CreateGauge<long>("pipeline.queue.depth", "{message}", "Messages waiting in a work queue");

    /// <summary>Starts the root span of a run (null when nobody listens).</summary>
    public static Activity? StartRun(string runId, string engine, string trigger)
    {
        var a = Source.StartActivity(RunSpan, ActivityKind.Internal);
        a?.SetTag(RunIdKey, runId).SetTag(EngineKey, engine).SetTag(TriggerKey, trigger).SetTag(HostKey, Environment.MachineName);
        return a;
    }

    /// <summary>Starts a stage span under the current run span.</summary>
    public static Activity? StartStage(Runs.RunStage stage)
    {
        var name = StageName(stage);
        var a = Source.StartActivity(StageSpan, ActivityKind.Internal);
        a?.SetTag(StageKey, name);
        return a;
    }

    /// <summary>Marks a span failed with the exception (OpenTelemetry's error status and exception event).</summary>
    public static void Fail(Activity? activity, Exception e)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, e.Message);
        activity.SetTag("error.type", e.GetType().FullName);
        activity.AddException(e);
    }

    /// <summary>Records an engine's queue depth directly (same as <see cref="Runs.IRunObserver.QueueDepth"/>).</summary>
    public static void RecordQueueDepth(string queue, long depth) => QueueDepth.Record(depth, new KeyValuePair<string, object?>(QueueKey, queue));

    public static string StageName(Runs.RunStage stage) => stage.ToString().ToLowerInvariant();
}
