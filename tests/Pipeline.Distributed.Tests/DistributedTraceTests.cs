using System.Text.Json;
using Pipeline.Client.Telemetry;
using Pipeline.Distributed.Tests.Support;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Telemetry;
using Pipeline.Silo.Broker;
using Pipeline.Storage;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Distributed.Tests;

/// <summary>
/// A distributed run is one trace: the client (this process) and two real silo processes export OTLP/HTTP to an
/// in-process receiver; the run's trace holds the run → stage → unit spans, one unit span per unit with a silo as
/// its host, and the silos' own work-item spans, parented through the W3C context in the RabbitMQ message headers.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class DistributedTraceTests(BrokerFixture broker)
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
        using var silos = new SiloProcesses(broker.Broker, 2, environment: otel);
        using var output = new TempFolder();
        const string runId = "traced";

        foreach (var (k, v) in otel) Environment.SetEnvironmentVariable(k, v);
        try
        {
            using var session = TelemetrySession.Start();
            var store = new LocalFolderStore(output.Path);
            var engine = new RabbitMqEngine(new RabbitMqEngineOptions(BrokerEndpoints.Parse(broker.Broker), store, output.Path, runId));
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await new RunCoordinator(engine, NullRunObserver.Instance)
                .RunAsync(new RunRequest(ObjectStores.Open(broker.Data.Path), store) { RunId = runId }, deadline.Token);
        }
        finally
        {
            foreach (var k in otel.Keys) Environment.SetEnvironmentVariable(k, null);
        }

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
            if (spans.Any(s => s.Name == "pipeline.silo.item")) break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < until);

        var compute = Assert.Single(spans, s => s.Name == PipelineTelemetry.StageSpan && (string)s.Attributes[PipelineTelemetry.StageKey] == "compute");
        var unitSpans = spans.Where(s => s.Name == PipelineTelemetry.UnitSpan).ToList();
        Assert.Equal(units, unitSpans.Count);
        Assert.Equal(units, unitSpans.Select(s => (string)s.Attributes[PipelineTelemetry.UnitIdKey]).Distinct().Count());
        Assert.All(unitSpans, u =>
        {
            Assert.Equal(compute.SpanId, u.ParentSpanId);
            Assert.StartsWith("test-silo-", (string)u.Attributes[PipelineTelemetry.HostKey]);
        });
        var items = spans.Where(s => s.Name == "pipeline.silo.item").ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i =>
        {
            Assert.Equal(compute.SpanId, i.ParentSpanId);
            Assert.StartsWith("test-silo-", (string)i.Attributes[PipelineTelemetry.HostKey]);
        });
    }
}
