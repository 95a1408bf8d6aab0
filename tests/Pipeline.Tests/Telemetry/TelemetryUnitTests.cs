using System.Collections;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Pipeline.Client.Telemetry;
using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Telemetry;
using Xunit;

namespace Pipeline.Tests.Telemetry;

/// <summary>Telemetry switches, W3C trace-context propagation in headers, and unit reports turned into spans and counters.</summary>
public class TelemetryUnitTests
{
    [Fact]
    public void Telemetry_is_off_unless_an_OTLP_endpoint_is_configured()
    {
        Assert.False(OtelSettings.From(new Hashtable()).Any);
        Assert.Equal(new OtelSettings(true, true, true), OtelSettings.From(new Hashtable { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318" }));
        Assert.Equal(new OtelSettings(true, false, false), OtelSettings.From(new Hashtable { ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = "http://c:4318/v1/traces" }));
        Assert.False(OtelSettings.From(new Hashtable { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://c:4318", ["OTEL_SDK_DISABLED"] = "TRUE" }).Any);
        Assert.False(OtelSettings.From(new Hashtable { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "  " }).Any);
    }

    [Fact]
    public void Trace_context_round_trips_through_message_headers()
    {
        var sent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "vendor=x");
        var headers = new Dictionary<string, string>();
        TraceContext.Inject(headers, sent);
        Assert.Equal($"00-{sent.TraceId.ToHexString()}-{sent.SpanId.ToHexString()}-01", headers[TraceContext.TraceParent]);
        Assert.True(TraceContext.TryExtract(headers, out var received));
        Assert.Equal(sent.TraceId, received.TraceId);
        Assert.Equal(sent.SpanId, received.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, received.TraceFlags);
        Assert.Equal("vendor=x", received.TraceState);
        Assert.True(received.IsRemote);

        Assert.False(TraceContext.TryExtract(new Dictionary<string, string>(), out _));
        Assert.False(TraceContext.TryExtract(new Dictionary<string, string> { [TraceContext.TraceParent] = "00-zz-11-01" }, out _));
        var none = new Dictionary<string, string>();
        TraceContext.Inject(none, default);
        Assert.Empty(none);
    }

    [Fact]
    public void A_failed_unit_becomes_an_error_span_under_the_stage_and_counts_as_failed()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PipelineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (stopped) stopped.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        long failed = 0, done = 0;
        using var meters = new MeterListener();
        meters.InstrumentPublished = (i, l) => { if (i.Meter.Name == PipelineTelemetry.Name && i.Name.StartsWith("pipeline.units.", StringComparison.Ordinal)) l.EnableMeasurementEvents(i); };
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) =>
        {
            if (!tags.ToArray().Any(t => t.Key == PipelineTelemetry.EngineKey && (string?)t.Value == "unit-test-engine")) return; // other tests' runs
            if (i.Name == "pipeline.units.failed") Interlocked.Add(ref failed, v); else Interlocked.Add(ref done, v);
        });
        meters.Start();

        var stage = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var observer = new TelemetryRunObserver(NullRunObserver.Instance, "unit-test-engine") { StageContext = stage };
        var t0 = new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
        observer.UnitFinished(new UnitReport(new ClusterUnit("c-7", 1, 7, "ZJ-A", 10), "silo-a", t0, t0.AddSeconds(3), 25, 0, "out of memory"));
        observer.UnitFinished(new UnitReport(new FirmPartitionUnit("p-2", 1, 2, 4), "silo-b", t0, t0.AddSeconds(1), 100, 100));

        Activity[] spans;
        lock (stopped) spans = [.. stopped.Where(a => a.TraceId == stage.TraceId)];
        Assert.Equal(2, spans.Length);
        var bad = spans.Single(a => (string?)a.GetTagItem(PipelineTelemetry.UnitIdKey) == "c-7");
        Assert.Equal(ActivityStatusCode.Error, bad.Status);
        Assert.Equal(stage.SpanId, bad.ParentSpanId);
        Assert.Equal("ZJ-A", bad.GetTagItem(PipelineTelemetry.ClusterIdKey));
        Assert.Equal("silo-a", bad.GetTagItem(PipelineTelemetry.HostKey));
        Assert.Equal(t0.UtcDateTime, bad.StartTimeUtc);
        Assert.Equal(TimeSpan.FromSeconds(3), bad.Duration);
        var good = spans.Single(a => (string?)a.GetTagItem(PipelineTelemetry.UnitIdKey) == "p-2");
        Assert.Equal(2, good.GetTagItem(PipelineTelemetry.FirmPartitionKey));
        Assert.Equal(100L, good.GetTagItem(PipelineTelemetry.RowsOutKey));
        Assert.Equal(1, Interlocked.Read(ref failed));
        Assert.Equal(1, Interlocked.Read(ref done));
        Assert.Null(Activity.Current);
    }
}
