using Orleans.Configuration;
using Orleans.Hosting;

namespace Pipeline.Orleans.Hosting;

/// <summary>A client of the cluster named by a <see cref="ClusterConnection"/>: gateways found in its Azure Table membership.</summary>
public static class PipelineClient
{
    public static IClientBuilder UseCluster(this IClientBuilder client, ClusterConnection cluster)
    {
        client.Configure<ClusterOptions>(o => { o.ClusterId = cluster.ClusterId; o.ServiceId = cluster.ServiceId; });
        client.UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(cluster.ConnectionString));
        client.AddActivityPropagation();
        return client;
    }
}
