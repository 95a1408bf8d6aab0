using Pipeline.Storage;

namespace Pipeline.Client.Cluster;

/// <summary>Input and output locations as the silos that run a run must see them.</summary>
public static class RunLocations
{
    /// <summary>
    /// A location every silo can open: blob URIs as given, folders as absolute paths (a silo's working directory is its
    /// own). On a cluster a URL with a query (a SAS token) is refused: the run's grain state would carry the secret;
    /// silos take credentials from their own environment.
    /// </summary>
    public static string ForSilos(string location, bool cluster)
    {
        if (!ObjectStores.IsBlobUri(location)) return Path.GetFullPath(location);
        if (cluster && location.Contains('?'))
            throw new ArgumentException("On a cluster, --input and --output cannot be SAS URLs (the token would be stored in the run's grain state); " +
                                        "use az://container/prefix and give the client and every silo AZURE_STORAGE_CONNECTION_STRING.");
        return location;
    }
}
