using Microsoft.Extensions.Configuration;

namespace Pipeline.Orleans.Hosting;

/// <summary>
/// Which Orleans cluster silos and clients join: the storage account whose tables hold the membership and reminders
/// and whose blobs hold grain state (<c>Cluster:ConnectionString</c>, else <c>AZURE_STORAGE_CONNECTION_STRING</c>;
/// from the environment, never from files in the repository), and the cluster and service ids
/// (<c>Cluster:ClusterId</c>, <c>Cluster:ServiceId</c>, both default <c>pipeline</c>). Silos of one cluster and the
/// clients that reach it must agree on all three.
/// </summary>
public sealed record ClusterConnection(string ConnectionString, string ClusterId, string ServiceId)
{
    public const string DefaultId = "pipeline";

    /// <summary>Reads the connection from configuration, or throws an <see cref="ArgumentException"/> naming what to set.</summary>
    public static ClusterConnection From(IConfiguration config, string? clusterId = null)
    {
        var connection = config["Cluster:ConnectionString"] is { Length: > 0 } c ? c : Environment.GetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING");
        if (string.IsNullOrWhiteSpace(connection))
            throw new ArgumentException("No Orleans cluster is configured: set AZURE_STORAGE_CONNECTION_STRING (or PIPELINE_Cluster__ConnectionString) to the storage " +
                                        "account that holds the cluster's membership table, as the silos have it (`bash infra/cluster.sh start N` prints it).");
        return new ClusterConnection(connection,
            clusterId is { Length: > 0 } ? clusterId : config["Cluster:ClusterId"] is { Length: > 0 } id ? id : DefaultId,
            config["Cluster:ServiceId"] is { Length: > 0 } sid ? sid : DefaultId);
    }
}
