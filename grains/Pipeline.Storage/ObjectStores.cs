namespace Pipeline.Storage;

/// <summary>
/// Opens the <see cref="IObjectStore"/> a user names on the command line: a local folder path, or
/// (once the Azure Blob client is registered) <c>az://container/prefix</c> or an account https URL.
/// </summary>
public static class ObjectStores
{
    /// <summary>True if <paramref name="location"/> names a blob location rather than a local folder.</summary>
    public static bool IsBlobUri(string location) =>
        location.StartsWith("az://", StringComparison.OrdinalIgnoreCase) ||
        location.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens a local folder or blob location.</summary>
    public static IObjectStore Open(string location)
    {
        if (IsBlobUri(location))
            throw new NotSupportedException($"Blob locations are not supported yet: '{location}'.");
        return new LocalFolderStore(location);
    }
}
