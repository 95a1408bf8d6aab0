using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Pipeline.Client.Configuration;
using Pipeline.Orleans.Hosting;
using Pipeline.Storage;

namespace Pipeline.Client.Cluster;

/// <summary>
/// The command line's way into Orleans: <see cref="StartEmbeddedAsync"/> hosts one silo in this process (the default:
/// no external service), <see cref="ConnectAsync"/> is a client of the cluster named by configuration
/// (<see cref="ClusterConnection"/>). Either way the command talks to the same grains through <see cref="Grains"/>.
/// </summary>
public sealed class PipelineConnection(IHost host, bool embedded, StoppingFlag stopping) : IAsyncDisposable
{
    public IClusterClient Grains { get; } = host.Services.GetRequiredService<IClusterClient>();
    public bool Embedded { get; } = embedded;

    public static async Task<PipelineConnection> StartEmbeddedAsync(PipelineConfiguration config, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var stopping = new StoppingFlag();
        Quiet(builder, stopping);
        var blob = config.BlobOptions();
        var options = new PipelineSiloOptions
        {
            Embedded = true,
            Workers = config.Parallelism > 0 ? config.Parallelism : Environment.ProcessorCount,
            FailUnit = config.Raw["Silo:FailUnit"],
            DelayMs = int.TryParse(config.Raw["Silo:DelayMs"], out var d) ? d : 0,
        };
        builder.UseOrleans(silo => silo.UseEmbedded().AddPipeline(options, location => ObjectStores.Open(location, blob)));
        var host = builder.Build();
        await host.StartAsync(ct);
        return new PipelineConnection(host, embedded: true, stopping);
    }

    public static async Task<PipelineConnection> ConnectAsync(PipelineConfiguration config, string? clusterId, CancellationToken ct)
    {
        var cluster = ClusterConnection.From(config.Raw, clusterId);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var stopping = new StoppingFlag();
        Quiet(builder, stopping);
        builder.UseOrleansClient(client => client.UseCluster(cluster));
        var host = builder.Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await host.StartAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            host.Dispose();
            throw new ClusterUnavailableException($"cannot reach the Orleans cluster '{cluster.ClusterId}' (no active silo answered: {e.GetBaseException().Message}). " +
                                                  "Start silos with `bash infra/cluster.sh start N`, or check AZURE_STORAGE_CONNECTION_STRING and Cluster:ClusterId.");
        }
        return new PipelineConnection(host, embedded: false, stopping);
    }

    /// <summary>
    /// Orleans' own logs go to stderr at error level (PIPELINE_DEBUG=1 for more), while the command uses Orleans. Once
    /// the command is done and the host stops, they are dropped: an embedded silo stopped seconds after it started
    /// (a bad argument found after the read) logs its services' cancelled start-up work as errors, which are not the
    /// user's (PIPELINE_DEBUG=1 still shows them).
    /// </summary>
    private static void Quiet(HostApplicationBuilder builder, StoppingFlag stopping)
    {
        bool debug = Environment.GetEnvironmentVariable("PIPELINE_DEBUG") is "1";
        var minimum = debug ? LogLevel.Information : LogLevel.Error;
        builder.Logging.AddFilter((_, level) => level >= minimum && (debug || !stopping.IsSet)); // the one rule for every category
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    public async ValueTask DisposeAsync()
    {
        stopping.IsSet = true;
        try { await host.StopAsync(TimeSpan.FromSeconds(Embedded ? 5 : 2)); } catch (Exception) { /* going away anyway */ }
        host.Dispose();
    }
}

/// <summary>No silo of the configured cluster could be reached.</summary>
public sealed class ClusterUnavailableException(string message) : Exception(message);
