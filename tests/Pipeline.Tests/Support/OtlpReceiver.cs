using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Pipeline.Tests.Support;

/// <summary>
/// An in-process OTLP/HTTP receiver (protobuf encoding, https://opentelemetry.io/docs/specs/otlp/#otlphttp): accepts
/// POST /v1/traces, /v1/metrics and /v1/logs on a free local port, answers 200 with an empty (valid) response
/// message and decodes what it received: spans (ids, parent, name, times, attributes), metric names, and log
/// records' trace ids and bodies.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _requests = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}";

    public sealed record Span(string TraceId, string SpanId, string ParentSpanId, string Name, ulong StartNanos, ulong EndNanos, IReadOnlyDictionary<string, object> Attributes, string Scope);
    public sealed record LogRecord(string TraceId, string SpanId, string Body);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) { return; } // stopped
            using var body = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(body);
            _requests.Enqueue((ctx.Request.Url!.AbsolutePath, body.ToArray()));
            ctx.Response.StatusCode = ctx.Request.HttpMethod == "POST" ? 200 : 405;
            ctx.Response.ContentType = "application/x-protobuf";
            ctx.Response.ContentLength64 = 0;
            ctx.Response.Close();
        }
    }

    public IReadOnlyList<string> Paths => [.. _requests.Select(r => r.Path)];

    /// <summary>ExportTraceServiceRequest: 1 resource_spans → 2 scope_spans → (1 scope, 2 spans).</summary>
    public IReadOnlyList<Span> Spans()
    {
        var spans = new List<Span>();
        foreach (var (_, body) in _requests.Where(r => r.Path == "/v1/traces"))
            foreach (var rs in Protobuf.Messages(body, 1))
                foreach (var ss in Protobuf.Messages(rs, 2))
                {
                    var scope = Protobuf.Messages(ss, 1).Select(s => Protobuf.Fields(s).FirstOrDefault(f => f.Number == 1).Text).FirstOrDefault() ?? "";
                    foreach (var s in Protobuf.Messages(ss, 2))
                    {
                        var f = Protobuf.Fields(s).ToList();
                        string Hex(int n) => f.FirstOrDefault(x => x.Number == n).Bytes.Length > 0 ? f.First(x => x.Number == n).Hex : "";
                        spans.Add(new Span(Hex(1), Hex(2), Hex(4), f.First(x => x.Number == 5).Text,
                            f.FirstOrDefault(x => x.Number == 7).Scalar, f.FirstOrDefault(x => x.Number == 8).Scalar, Attributes(s, 9), scope));
                    }
                }
        return spans;
    }

    /// <summary>ExportMetricsServiceRequest: 1 resource_metrics → 2 scope_metrics → 2 metrics → 1 name.</summary>
    public IReadOnlySet<string> MetricNames() =>
        _requests.Where(r => r.Path == "/v1/metrics")
            .SelectMany(r => Protobuf.Messages(r.Body, 1)).SelectMany(rm => Protobuf.Messages(rm, 2)).SelectMany(sm => Protobuf.Messages(sm, 2))
            .Select(m => Protobuf.Fields(m).First(f => f.Number == 1).Text).ToHashSet();

    /// <summary>ExportLogsServiceRequest: 1 resource_logs → 2 scope_logs → 2 log_records (5 body, 9 trace_id, 10 span_id).</summary>
    public IReadOnlyList<LogRecord> Logs() =>
        [.. _requests.Where(r => r.Path == "/v1/logs")
            .SelectMany(r => Protobuf.Messages(r.Body, 1)).SelectMany(rl => Protobuf.Messages(rl, 2)).SelectMany(sl => Protobuf.Messages(sl, 2))
            .Select(l =>
            {
                var f = Protobuf.Fields(l).ToList();
                var body = f.Where(x => x.Number == 5).Select(x => AnyValue(x.Bytes)?.ToString()).FirstOrDefault() ?? "";
                return new LogRecord(f.Where(x => x.Number == 9).Select(x => x.Hex).FirstOrDefault() ?? "", f.Where(x => x.Number == 10).Select(x => x.Hex).FirstOrDefault() ?? "", body);
            })];

    /// <summary>KeyValue list: 1 key, 2 AnyValue.</summary>
    private static Dictionary<string, object> Attributes(ReadOnlyMemory<byte> message, int number)
    {
        var result = new Dictionary<string, object>();
        foreach (var kv in Protobuf.Messages(message, number))
        {
            var f = Protobuf.Fields(kv).ToList();
            var value = f.Where(x => x.Number == 2).Select(x => AnyValue(x.Bytes)).FirstOrDefault();
            if (value is not null) result[f.First(x => x.Number == 1).Text] = value;
        }
        return result;
    }

    /// <summary>AnyValue: 1 string, 2 bool, 3 int64, 4 double.</summary>
    private static object? AnyValue(ReadOnlyMemory<byte> message)
    {
        foreach (var f in Protobuf.Fields(message))
            switch (f.Number)
            {
                case 1: return f.Text;
                case 2: return f.Scalar != 0;
                case 3: return (long)f.Scalar;
                case 4: return f.Double;
            }
        return null;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
