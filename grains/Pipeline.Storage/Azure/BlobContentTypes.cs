namespace Pipeline.Storage.Azure;

/// <summary>The Content-Type stored with a blob, chosen by file extension so BI tools and browsers recognize run outputs.</summary>
internal static class BlobContentTypes
{
    /// <summary>application/vnd.apache.parquet, application/json, text/csv, text/plain, or application/octet-stream.</summary>
    public static string For(string name)
    {
        var ext = Path.GetExtension(name);
        if (ext.Equals(".parquet", StringComparison.OrdinalIgnoreCase)) return "application/vnd.apache.parquet";
        if (ext.Equals(".json", StringComparison.OrdinalIgnoreCase)) return "application/json";
        if (ext.Equals(".csv", StringComparison.OrdinalIgnoreCase)) return "text/csv";
        if (ext.Equals(".txt", StringComparison.OrdinalIgnoreCase) || ext.Equals(".log", StringComparison.OrdinalIgnoreCase)) return "text/plain";
        return "application/octet-stream";
    }
}
