namespace Pipeline.Tests.Support;

/// <summary>The Parquet parts of an output table in a local run folder, Hive partition folders included.</summary>
public static class TableParts
{
    /// <summary>Paths relative to the table folder, ordinal order: <c>part-00000.parquet</c> or <c>province=X/part-00000.parquet</c>.</summary>
    public static IReadOnlyList<string> Of(string runFolder, string table)
    {
        var root = Path.Combine(runFolder, table);
        return [.. Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)];
    }

    /// <summary>A part's relative path as a URL path: each segment escaped (a Hive folder's '%' becomes %25).</summary>
    public static string UrlPath(string relative) => string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));

    /// <summary>A DuckDB <c>read_parquet</c> over every part of the table, the partition column read back from the path.</summary>
    public static string ReadParquet(string runFolder, string table) =>
        $"read_parquet({DuckDb.Literal(Path.Combine(runFolder, table, "**", "*.parquet"))}, hive_partitioning = true)";
}
