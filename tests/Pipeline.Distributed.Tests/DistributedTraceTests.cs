using System.Text.Json;
using Pipeline.Distributed.Tests.Support;
using Pipeline.Grains.Telemetry;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Distributed.Tests;

/// <summary>
/// A cluster run is one trace: the client and two real silo processes export OTLP/HTTP to an in-process receiver;
/// the run's trace holds the client's span, the coordinator's (on a silo), the run → stage → unit spans with a silo
/// as each unit's host, the unit grains' own spans, and Orleans' own spans of the grain calls — parented through
/// the W3C context the client puts in the submission and Orleans carries in its calls.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DistributedTraceTests(ClusterData data)
{
    [Fact]
    public async Task Client_and_silo_spans_share_the_runs_trace()
    {
        using var receiver = new OtlpReceiver();
        var otel = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",   // silos export their spans within a fraction of a second
        };
        using var cluster = new LocalCluster(2, siloEnvironment: otel);
        using var output = new TempFolder();
        const string runId = "traced";
        await Cli.Ok(["run", "--cluster", "--input", data.Fixture, "--output", output.Path, "--run-id", runId, "--plain"],
            new Dictionary<string, string>(cluster.ClientEnvironment.Concat(otel)));

        var run = Path.Combine(output.Path, "runs", runId);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "_manifest.json")));
        var traceId = manifest.RootElement.GetProperty("trace_id").GetString()!;
        int units = manifest.RootElement.GetProperty("tables").GetProperty("cluster_metrics").GetProperty("rows").GetInt32()
                    + manifest.RootElement.GetProperty("settings").GetProperty("firm_partitions").GetInt32();

        // The silos' spans arrive asynchronously (batch export): wait for them, without asserting any speed.
        var until = DateTime.UtcNow.AddSeconds(30);
        List<OtlpReceiver.Span> spans;
        do
        {
            spans = [.. receiver.Spans().Where(s => s.TraceId == traceId)];
            if (spans.Count(s => s.Name == "pipeline.silo.unit") >= units && spans.Any(s => s.Name == PipelineTelemetry.UnitSpan)) break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < until);

        var client = Assert.Single(spans, s => s.Name == "pipeline.client.run");
        var coordinator = Assert.Single(spans, s => s.Name == "pipeline.coordinator");
        Assert.Equal(client.SpanId, coordinator.ParentSpanId);
        var compute = Assert.Single(spans, s => s.Name == PipelineTelemetry.StageSpan && (string)s.Attributes[PipelineTelemetry.StageKey] == "compute");
        var unitSpans = spans.Where(s => s.Name == PipelineTelemetry.UnitSpan).ToList();
        Assert.Equal(units, unitSpans.Count);
        Assert.All(unitSpans, u =>
        {
            Assert.Equal(compute.SpanId, u.ParentSpanId);
            Assert.StartsWith("silo-", (string)u.Attributes[PipelineTelemetry.HostKey]);
        });
        var grainSpans = spans.Where(s => s.Name == "pipeline.silo.unit").ToList();
        Assert.True(grainSpans.Count >= units, $"{grainSpans.Count} unit grain spans for {units} units");
        Assert.All(grainSpans, g => Assert.Equal(coordinator.SpanId, g.ParentSpanId));
        Assert.Contains(spans, s => s.Name.Contains("IUnitGrain", StringComparison.Ordinal) || s.Name.Contains("IClusterGrain", StringComparison.Ordinal)
                                    || s.Name.Contains("IRunGrain", StringComparison.Ordinal)); // Orleans' own grain-call spans
    }
}
