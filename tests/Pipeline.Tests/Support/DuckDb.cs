using System.Text.Json;

namespace Pipeline.Tests.Support;

/// <summary>
/// DuckDB (npm @duckdb/node-api) as an independent reader of our Parquet files: runs one SQL statement through
/// infra/node/duckdb-query.mjs and returns the rows as JSON objects. Installs the node tools on first use.
/// </summary>
public static class DuckDb
{
    public static IReadOnlyList<JsonElement> Query(string sql) => NodeTools.Rows("duckdb-query.mjs", sql);

    /// <summary>The Parquet schema of one file as DuckDB reads it: column name → (repetition type, physical type).</summary>
    public static Dictionary<string, (string Rep, string Type)> ParquetSchema(string file) =>
        Query($"SELECT name, repetition_type, type FROM parquet_schema({Literal(file)})")
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => (r.GetProperty("repetition_type").ToString(), r.GetProperty("type").ToString()));

    /// <summary>SQL string literal of a path.</summary>
    public static string Literal(string path) => "'" + path.Replace("'", "''") + "'";
}
