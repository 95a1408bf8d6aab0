using System.Diagnostics;
using System.Text.Json;

namespace Pipeline.Tests.Support;

/// <summary>
/// DuckDB (npm @duckdb/node-api) as an independent reader of our Parquet files: runs one SQL statement through
/// infra/node/duckdb-query.mjs and returns the rows as JSON objects. Installs the node tools on first use.
/// </summary>
public static class DuckDb
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        ChildProcess.RunChecked("bash", [Repo.Path("infra", "install-node-tools.sh")], TimeSpan.FromMinutes(10));
        return true;
    });

    public static IReadOnlyList<JsonElement> Query(string sql)
    {
        _ = Installed.Value;
        var (json, _) = ChildProcess.RunChecked("node", [Repo.Path("infra", "node", "duckdb-query.mjs"), sql], TimeSpan.FromMinutes(2));
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>SQL string literal of a path.</summary>
    public static string Literal(string path) => "'" + path.Replace("'", "''") + "'";
}
