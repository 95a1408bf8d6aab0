using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Telemetry;
using Pipeline.Silo.Broker;
using Pipeline.Silo.Hosting;

namespace Pipeline.SiloHost;

/// <summary>
/// <c>silo --broker amqp://user:pass@host:5672/vhost</c>: a worker host that computes units of work of distributed
/// runs. Configuration: <c>--broker</c> or <c>PIPELINE_BROKER</c>; <c>PIPELINE_Silo__Prefetch</c> (items in flight,
/// default one per core), <c>PIPELINE_Silo__Name</c>; <c>--shutdown-seconds</c> (default 60) bounds how long SIGTERM
/// waits for in-flight items before the broker gets them back. Start and stop silos at any time.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = false });
        builder.Configuration.AddEnvironmentVariables("PIPELINE_");
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--broker"] = "Silo:Broker", ["--prefetch"] = "Silo:Prefetch", ["--name"] = "Silo:Name", ["--shutdown-seconds"] = "Silo:ShutdownSeconds" });
        var section = builder.Configuration.GetSection("Silo");
        var options = new SiloOptions
        {
            Broker = section["Broker"] is { Length: > 0 } b ? b : builder.Configuration["PIPELINE_BROKER"],
            Prefetch = int.TryParse(section["Prefetch"], out var p) ? p : 0,
            Name = section["Name"],
            FailUnit = section["FailUnit"],
            DelayMs = int.TryParse(section["DelayMs"], out var d) ? d : 0,
        };
        try
        {
            BrokerEndpoints.Parse(options.Broker);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(int.TryParse(section["ShutdownSeconds"], out var s) ? s : 60));
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<SiloWorker>();
        // OpenTelemetry: work-item spans join the client's trace (W3C context in the message headers); exported
        // only when the standard OTEL_* variables ask for traces, as for the client.
        using var tracing = OtelSettings.FromEnvironment().Traces
            ? Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is { Length: > 0 }
                    ? ResourceBuilder.CreateDefault()
                    : ResourceBuilder.CreateDefault().AddService("pipeline-silo", serviceVersion: CodeVersion.Current))
                .AddSource(PipelineTelemetry.Name).AddOtlpExporter().Build()
            : null;
        var host = builder.Build();
        if (int.TryParse(section["ExitWithPid"], out var owner)) WatchOwner(owner, host.Services.GetRequiredService<IHostApplicationLifetime>());
        host.Run();
        return 0;
    }

    /// <summary><c>Silo:ExitWithPid</c> (for tests and scripts): stop gracefully once process <paramref name="pid"/> has exited.</summary>
    private static void WatchOwner(int pid, IHostApplicationLifetime lifetime) => _ = Task.Run(async () =>
    {
        while (true)
        {
            try { using var p = System.Diagnostics.Process.GetProcessById(pid); if (p.HasExited) break; }
            catch (ArgumentException) { break; }
            await Task.Delay(2000);
        }
        lifetime.StopApplication();
    });
}
