using System.Text.Json;

namespace Pipeline.Tests.Support;

/// <summary>
/// The node tools of infra/node (DuckDB, hyparquet, parquet-wasm) as independent readers and writers: installed on
/// first use, each script run to completion, its stdout parsed as one JSON array of rows.
/// </summary>
public static class NodeTools
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        ChildProcess.RunChecked("bash", [Repo.Path("infra", "install-node-tools.sh")], TimeSpan.FromMinutes(10));
        return true;
    });

    public static IReadOnlyList<JsonElement> Rows(string script, params string[] args)
    {
        _ = Installed.Value;
        var (json, _) = ChildProcess.RunChecked("node", [Repo.Path("infra", "node", script), .. args], TimeSpan.FromMinutes(2));
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>infra/node/parquet-interop.mjs: <c>hyparquet-read FILE</c>, <c>wasm-read FILE</c>, <c>wasm-write FILE CODEC V1|V2 DICT ROWGROUP N</c>.</summary>
    public static IReadOnlyList<JsonElement> ParquetInterop(params string[] args) => Rows("parquet-interop.mjs", args);
}
