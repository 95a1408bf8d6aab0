using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Pipeline.Orleans.Units;
using Pipeline.Orleans.Work;
using Pipeline.Storage;

namespace Pipeline.Orleans.Hosting;

/// <summary>
/// The silo configuration shared by the silo host (<c>silo</c>) and the command line's embedded silo: the pipeline's
/// services (unit workers, work stores, fault drills) and, by mode, clustering, grain storage and reminders.
/// Embedded: localhost clustering on the given ports, in-memory state and reminders — no external service.
/// Cluster: Azure Table membership and reminders, Azure Blob grain storage (Azurite locally, a storage account in
/// production), and failure detection tuned to about two seconds instead of Orleans' default ~12 s.
/// </summary>
public static class PipelineSilo
{
    public static ISiloBuilder AddPipeline(this ISiloBuilder silo, PipelineSiloOptions options, Func<string, IObjectStore> openStore)
    {
        silo.Services.AddSingleton(options);
        silo.Services.AddSingleton(new UnitWorkers(Math.Max(1, options.Workers)));
        silo.Services.AddSingleton(_ => new RunWorkStores(openStore));
        silo.Services.AddSingleton(options.FailUnit is null && options.DelayMs == 0 ? UnitFaults.None : new UnitFaults(options.FailUnit, options.DelayMs, options.DelayUnit));
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(5));
        silo.AddActivityPropagation(); // grain calls carry the W3C trace context: one trace per run across client and silos
        return silo;
    }

    /// <summary>The command line's own silo: this process alone, on two free localhost ports.</summary>
    public static ISiloBuilder UseEmbedded(this ISiloBuilder silo)
    {
        silo.UseLocalhostClustering(FreePort(), FreePort(), null, "pipeline-embedded-" + Environment.ProcessId, ClusterConnection.DefaultId);
        silo.AddMemoryGrainStorage(PipelineStorage.Name);
        silo.UseInMemoryReminderService();
        silo.Configure<SiloOptions>(o => o.SiloName = Environment.MachineName); // units report this host
        return silo;
    }

    /// <summary>A member of the cluster named by <paramref name="cluster"/>, listening on <paramref name="siloPort"/> and <paramref name="gatewayPort"/>.</summary>
    public static ISiloBuilder UseCluster(this ISiloBuilder silo, ClusterConnection cluster, int siloPort, int gatewayPort, IPAddress? advertisedAddress = null)
    {
        silo.Configure<ClusterOptions>(o => { o.ClusterId = cluster.ClusterId; o.ServiceId = cluster.ServiceId; });
        silo.ConfigureEndpoints(advertisedAddress ?? IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: advertisedAddress is not null);
        silo.UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(cluster.ConnectionString));
        silo.AddAzureBlobGrainStorage(PipelineStorage.Name, o => o.BlobServiceClient = new Azure.Storage.Blobs.BlobServiceClient(cluster.ConnectionString));
        silo.UseAzureTableReminderService(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(cluster.ConnectionString));
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // A killed silo is declared dead in ~2 s: probed every second, 2 missed probes, one vote suffices.
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        return silo;
    }

    /// <summary>A TCP port that is free now.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }
}
