using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Configuration;
using Orleans.Dashboard;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Telemetry;
using Pipeline.Orleans.Hosting;
using Pipeline.Storage;

namespace Pipeline.SiloHost;

/// <summary>
/// <c>silo [--cluster-id ID] [--name NAME] [--port N] [--gateway-port N] [--advertise IP] [--workers N] [--dashboard PORT]</c>:
/// an Orleans silo of the pipeline's cluster. Silos find each other in the Azure Table membership of the storage
/// account named by <c>AZURE_STORAGE_CONNECTION_STRING</c> (or <c>PIPELINE_Cluster__ConnectionString</c>), keep run
/// coordinators' state in its blobs and their reminders in its tables, and compute units of runs whose outputs they
/// reach with the same credentials. Settings: <c>appsettings.json</c>, then <c>PIPELINE_Section__Key</c> variables,
/// then the flags. <c>--dashboard PORT</c> serves the Orleans Dashboard on http://HOST:PORT/. In a Kubernetes pod
/// (<c>KUBERNETES_SERVICE_HOST</c> set) the silo also uses Microsoft.Orleans.Hosting.Kubernetes (infra/k8s/).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddEnvironmentVariables("PIPELINE_");
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
        {
            ["--cluster-id"] = "Cluster:ClusterId", ["--name"] = "Silo:Name", ["--port"] = "Silo:Port", ["--gateway-port"] = "Silo:GatewayPort",
            ["--advertise"] = "Silo:Advertise", ["--workers"] = "Silo:Workers", ["--dashboard"] = "Silo:Dashboard",
        });
        var config = builder.Configuration;
        ClusterConnection cluster;
        try { cluster = ClusterConnection.From(config); }
        catch (ArgumentException e) { Console.Error.WriteLine($"error: {e.Message}"); return 2; }

        var options = new PipelineSiloOptions
        {
            Workers = Int(config, "Silo:Workers") ?? Environment.ProcessorCount,
            FailUnit = config["Silo:FailUnit"],
            DelayMs = Int(config, "Silo:DelayMs") ?? 0,
            DelayUnit = config["Silo:DelayUnit"],
        };
        int? dashboard = Int(config, "Silo:Dashboard");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        builder.WebHost.UseUrls(dashboard is { } port ? $"http://0.0.0.0:{port}" : "http://127.0.0.1:0");
        builder.UseOrleans(silo =>
        {
            silo.UseCluster(cluster, Int(config, "Silo:Port") ?? PipelineSilo.FreePort(), Int(config, "Silo:GatewayPort") ?? PipelineSilo.FreePort(),
                    config["Silo:Advertise"] is { Length: > 0 } ip ? System.Net.IPAddress.Parse(ip) : null)
                .AddPipeline(options, location => ObjectStores.Open(location));
            if (config["Silo:Name"] is { Length: > 0 } name) silo.Configure<SiloOptions>(o => o.SiloName = name);
            if (dashboard is not null) silo.AddDashboard();
            // In a Kubernetes pod (infra/k8s/): silo name = pod name, advertised address = pod IP, listening on all
            // addresses, cluster/service ids from the pod's ORLEANS_CLUSTER_ID / ORLEANS_SERVICE_ID, and silos whose
            // pods are gone are declared dead without waiting for probes. Registered after UseCluster so it wins.
            if (InKubernetes) silo.UseKubernetesHosting();
        });
        AddTelemetry(builder);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Int(config, "Silo:ShutdownSeconds") ?? 30));
        var app = builder.Build();
        if (dashboard is not null) app.MapOrleansDashboard();
        if (Int(config, "Silo:ExitWithPid") is { } owner) WatchOwner(owner, app.Lifetime);
        // Printed once the silo has joined the cluster and is active (infra/cluster.sh waits for this line).
        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"silo active: cluster {cluster.ClusterId}, pid {Environment.ProcessId}, {options.Workers} workers" +
                                                                          (dashboard is { } d ? $", dashboard http://127.0.0.1:{d}/" : "")));
        app.Run();
        return 0;
    }

    /// <summary>Traces and metrics over OTLP when the standard OTEL_* variables ask for them: the pipeline's and Orleans' own.</summary>
    private static void AddTelemetry(WebApplicationBuilder builder)
    {
        var otel = OtelSettings.FromEnvironment();
        if (!otel.Traces && !otel.Metrics) return;
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r =>
        {
            if (Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME") is not { Length: > 0 }) r.AddService("pipeline-silo", serviceVersion: CodeVersion.Current);
        });
        if (otel.Traces) telemetry.WithTracing(t => t.AddSource(PipelineTelemetry.Name, OrleansTelemetry.RuntimeSource, OrleansTelemetry.ApplicationSource).AddOtlpExporter());
        if (otel.Metrics) telemetry.WithMetrics(m => m.AddMeter(PipelineTelemetry.Name, OrleansTelemetry.Meter).AddOtlpExporter());
    }

    /// <summary>Kubernetes sets <c>KUBERNETES_SERVICE_HOST</c> in every pod; nowhere else does it appear.</summary>
    private static bool InKubernetes => Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is { Length: > 0 };

    private static int? Int(IConfiguration config, string key) => config[key] is { Length: > 0 } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;

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
