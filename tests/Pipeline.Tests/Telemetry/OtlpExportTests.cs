using System.Text.Json;
using Pipeline.Client.Report;
using Pipeline.Grains.Telemetry;
using Pipeline.Storage;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Telemetry;

/// <summary>
/// A real embedded run of the e2e fixture through the CLI with OTEL_EXPORTER_OTLP_ENDPOINT pointing at an
/// in-process OTLP/HTTP receiver: the exported spans form the tree run → stages → units with their attributes, the
/// run's trace id is the one recorded in _status.json and _manifest.json, the metrics arrive, and log records carry
/// the run's trace id.
/// </summary>
[Collection("console")]
public class OtlpExportTests
{
    [Fact]
    public async Task A_run_exports_the_span_tree_metrics_and_correlated_logs()
    {
        using var receiver = new OtlpReceiver();
        using var output = new TempFolder();
        var env = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "pipeline-test",
        };
        foreach (var (k, v) in env) Environment.SetEnvironmentVariable(k, v);
        int exit;
        try { exit = await Pipeline.Client.Program.Main(["run", "--input", FixtureRun.InputFolder, "--output", output.Path, "--run-id", "otel-1", "--plain"]); }
        finally { foreach (var k in env.Keys) Environment.SetEnvironmentVariable(k, null); }
        Assert.Equal(0, exit);

        var run = Path.Combine(output.Path, "runs", "otel-1");
        using var status = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "_status.json")));
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run, "_manifest.json")));
        var traceId = status.RootElement.GetProperty("trace_id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Equal(traceId, manifest.RootElement.GetProperty("trace_id").GetString());
        Assert.Equal("manual", manifest.RootElement.GetProperty("trigger").GetString());

        // Other tests may run pipelines at the same time: keep only this run's trace.
        // The pipeline's own spans form the tree client → coordinator (the run's grain) → run → stages → units;
        // Orleans' spans of the grain calls share the trace.
        var traced = receiver.Spans().Where(s => s.TraceId == traceId).ToList();
        var spans = traced.Where(s => s.Scope == PipelineTelemetry.Name).ToList();
        Assert.Contains(traced, s => s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        var client = Assert.Single(spans, s => s.Name == "pipeline.client.run");
        Assert.Equal("", client.ParentSpanId);
        var coordinator = Assert.Single(spans, s => s.Name == "pipeline.coordinator");
        Assert.Equal(client.SpanId, coordinator.ParentSpanId);
        var root = Assert.Single(spans, s => s.Name == PipelineTelemetry.RunSpan);
        Assert.Equal(coordinator.SpanId, root.ParentSpanId);
        Assert.Equal("otel-1", root.Attributes[PipelineTelemetry.RunIdKey]);
        Assert.Equal("orleans", root.Attributes[PipelineTelemetry.EngineKey]);
        Assert.Equal("manual", root.Attributes[PipelineTelemetry.TriggerKey]);

        var stages = spans.Where(s => s.Name == PipelineTelemetry.StageSpan).ToList();
        Assert.All(stages, s => Assert.Equal(root.SpanId, s.ParentSpanId));
        Assert.Equal(["read", "partition", "compute", "aggregate", "write", "publish"],
            stages.OrderBy(s => s.StartNanos).Select(s => (string)s.Attributes[PipelineTelemetry.StageKey]));
        Assert.All(stages, s => Assert.InRange(s.StartNanos, root.StartNanos, root.EndNanos));

        var compute = stages.Single(s => (string)s.Attributes[PipelineTelemetry.StageKey] == "compute");
        var units = spans.Where(s => s.Name == PipelineTelemetry.UnitSpan).ToList();
        var clusters = await RunTableReader.ReadAsync(new LocalFolderStore(output.Path), "otel-1", "cluster_metrics", ["cluster_id", "firms"], default);
        int partitions = manifest.RootElement.GetProperty("settings").GetProperty("firm_partitions").GetInt32();
        Assert.Equal(clusters.Count + partitions, units.Count);
        Assert.All(units, u =>
        {
            Assert.Equal(compute.SpanId, u.ParentSpanId);
            Assert.InRange(u.StartNanos, compute.StartNanos, compute.EndNanos);
            Assert.InRange(u.EndNanos, u.StartNanos, compute.EndNanos);
            Assert.Equal(Environment.MachineName, u.Attributes[PipelineTelemetry.HostKey]);
            Assert.True((long)u.Attributes[PipelineTelemetry.RowsInKey] >= 0);
        });
        // A cluster unit reads its firms and links and writes one row per firm plus the cluster's row.
        var clusterFirms = Enumerable.Range(0, clusters.Count).ToDictionary(i => clusters.String("cluster_id", i)!, i => (long)clusters.Double("firms", i)!.Value);
        foreach (var u in units.Where(u => (string)u.Attributes[PipelineTelemetry.UnitKindKey] == "cluster"))
        {
            long firms = clusterFirms[(string)u.Attributes[PipelineTelemetry.ClusterIdKey]];
            Assert.Equal(firms + 1, (long)u.Attributes[PipelineTelemetry.RowsOutKey]);
            Assert.True((long)u.Attributes[PipelineTelemetry.RowsInKey] >= firms);
        }
        var unitClusters = units.Where(u => (string)u.Attributes[PipelineTelemetry.UnitKindKey] == "cluster")
            .Select(u => (string)u.Attributes[PipelineTelemetry.ClusterIdKey]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, clusters.Count).Select(i => clusters.String("cluster_id", i)!).Order(StringComparer.Ordinal), unitClusters);
        var unitPartitions = units.Where(u => (string)u.Attributes[PipelineTelemetry.UnitKindKey] == "firm_partition")
            .Select(u => (long)u.Attributes[PipelineTelemetry.FirmPartitionKey]).Order().ToList();
        Assert.Equal(Enumerable.Range(0, partitions).Select(p => (long)p), unitPartitions);

        var metrics = receiver.MetricNames();
        foreach (var name in new[] { "pipeline.units.done", "pipeline.unit.duration", "pipeline.stage.duration", "pipeline.firms.rate", "pipeline.bytes.written", "pipeline.runs" })
            Assert.Contains(name, metrics);

        var logs = receiver.Logs().Where(l => l.TraceId == traceId).ToList();
        Assert.Equal(6, logs.Count(l => l.Body == "stage {Stage} started: {Detail}"));
        // The client logs the run's events as it follows the run, inside its own span of the run's trace.
        Assert.All(logs, l => Assert.Contains(l.SpanId, stages.Select(s => s.SpanId).Append(root.SpanId).Append(client.SpanId)));
    }
}
