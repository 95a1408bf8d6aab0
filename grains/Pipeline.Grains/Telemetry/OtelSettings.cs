using System.Collections;

namespace Pipeline.Grains.Telemetry;

/// <summary>
/// Which OpenTelemetry signals to export, decided by the standard environment variables only
/// (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/): a signal is exported when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or its own <c>OTEL_EXPORTER_OTLP_{TRACES,METRICS,LOGS}_ENDPOINT</c> is set, and
/// nothing at all when none is or <c>OTEL_SDK_DISABLED=true</c>. Endpoint, protocol (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>:
/// <c>grpc</c> by default, or <c>http/protobuf</c>), headers, service name and resource attributes are read by the SDK itself.
/// </summary>
public sealed record OtelSettings(bool Traces, bool Metrics, bool Logs)
{
    public bool Any => Traces || Metrics || Logs;

    public static OtelSettings FromEnvironment() => From(Environment.GetEnvironmentVariables());

    public static OtelSettings From(IDictionary environment)
    {
        string? Get(string name) => (environment[name] as string)?.Trim() is { Length: > 0 } v ? v : null;
        if (string.Equals(Get("OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase)) return new(false, false, false);
        bool all = Get("OTEL_EXPORTER_OTLP_ENDPOINT") is not null;
        return new(all || Get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") is not null,
                   all || Get("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT") is not null,
                   all || Get("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT") is not null);
    }
}
