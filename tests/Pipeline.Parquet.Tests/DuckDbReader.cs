using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Pipeline.Parquet.Tests;

/// <summary>DuckDB (npm @duckdb/node-api) as the independent reader: runs SQL via infra/node/duckdb-query.mjs.</summary>
public static class DuckDbReader
{
    private static readonly string Root = FindRoot();
    private static readonly Lazy<bool> Installed = new(() => { Run("bash", [Path.Combine(Root, "infra", "install-node-tools.sh")]); return true; });

    public static List<JsonElement> Query(string sql)
    {
        _ = Installed.Value;
        using var doc = JsonDocument.Parse(Run("node", [Path.Combine(Root, "infra", "node", "duckdb-query.mjs"), sql]));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    public static string Literal(string path) => "'" + path.Replace("'", "''") + "'";

    private static string FindRoot([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", ".."));

    private static string Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10))) { p.Kill(true); throw new TimeoutException(file); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} failed: {stderr.Result}");
        return stdout.Result;
    }
}
