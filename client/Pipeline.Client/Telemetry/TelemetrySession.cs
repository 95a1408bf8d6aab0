using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Telemetry;
using Pipeline.Orleans.Hosting;

namespace Pipeline.Client.Telemetry;

/// <summary>
/// The OpenTelemetry SDK for one command: OTLP exporters for the <c>Pipeline</c> ActivitySource and Meter and for
/// logs, as <see cref="OtelSettings"/> allows. Log records written inside a span carry its trace and span id, so
/// logs and traces correlate. Disposing flushes everything. When the OTEL_* variables are unset nothing is
/// created and <see cref="Logger"/> only writes to the console (when asked) or nowhere.
/// </summary>
public sealed class TelemetrySession : IDisposable
{
    private readonly TracerProvider? _tracer;
    private readonly MeterProvider? _meter;
    private readonly ILoggerFactory _loggers;

    private TelemetrySession(OtelSettings settings, bool consoleLogs)
    {
        Settings = settings;
        var resource = ResourceBuilder.CreateDefault();
        if (Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is not { Length: > 0 })
            resource.AddService("pipeline", serviceVersion: CodeVersion.Current);
        if (settings.Traces)
            _tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(PipelineTelemetry.Name, OrleansTelemetry.RuntimeSource, OrleansTelemetry.ApplicationSource).AddOtlpExporter().Build();
        if (settings.Metrics)
            _meter = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(PipelineTelemetry.Name, OrleansTelemetry.Meter).AddOtlpExporter().Build();
        _loggers = Microsoft.Extensions.Logging.LoggerFactory.Create(b =>
        {
            // Console lines get the trace and span ids as scopes ("=> TraceId:…") when a span is current.
            b.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
            if (consoleLogs) b.AddSimpleConsole(o => { o.IncludeScopes = true; o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ "; o.UseUtcTimestamp = true; });
            if (settings.Logs) b.AddOpenTelemetry(o => { o.SetResourceBuilder(resource); o.AddOtlpExporter(); });
            // A run's own progress already goes to the console through its observer: its log records go to OTLP only.
            if (consoleLogs) b.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(RunCategory, LogLevel.None);
        });
        Logger = _loggers.CreateLogger("Pipeline");
        RunLogger = _loggers.CreateLogger(RunCategory);
    }

    private const string RunCategory = "Pipeline.Run";

    /// <summary>The logger of a run's stages and messages (OTLP only; the console shows them through the run's observer).</summary>
    public ILogger RunLogger { get; }

    public OtelSettings Settings { get; }

    /// <summary>The command's logger (console and/or OTLP, or nothing).</summary>
    public ILogger Logger { get; }

    public ILoggerFactory LoggerFactory => _loggers;

    /// <summary>Starts the SDK as the environment says; <paramref name="consoleLogs"/> also writes log lines to the console.</summary>
    public static TelemetrySession Start(bool consoleLogs = false) => Current = new(OtelSettings.FromEnvironment(), consoleLogs);

    /// <summary>The session of this process, if one is started: a run inside the scheduler uses the scheduler's instead of exporting twice.</summary>
    public static TelemetrySession? Current { get; private set; }

    public void Dispose()
    {
        if (ReferenceEquals(Current, this)) Current = null;
        _tracer?.ForceFlush(10_000);
        _meter?.ForceFlush(10_000);
        _loggers.Dispose();
        _tracer?.Dispose();
        _meter?.Dispose();
    }
}
