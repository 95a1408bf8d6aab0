using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Pipeline.Parquet.Tests;

/// <summary>
/// DuckDB (npm @duckdb/node-api) as the independent reader: runs SQL via infra/node/duckdb-query.mjs; hyparquet and
/// parquet-wasm through infra/node/parquet-interop.mjs.
/// </summary>
public static class DuckDbReader
{
    private static readonly string Root = FindRoot();
    private static readonly Lazy<bool> Installed = new(() => { Run("bash", [Path.Combine(Root, "infra", "install-node-tools.sh")]); return true; });

    /// <summary>Runs a statement (e.g. COPY … TO) whose result is not needed.</summary>
    public static void Execute(string sql) => Query(sql);

    public static List<JsonElement> Query(string sql)
    {
        _ = Installed.Value;
        using var doc = JsonDocument.Parse(Run("node", [Path.Combine(Root, "infra", "node", "duckdb-query.mjs"), sql]));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Runs infra/node/parquet-interop.mjs (hyparquet, parquet-wasm) and returns the rows it prints.</summary>
    public static List<JsonElement> Interop(params string[] args)
    {
        _ = Installed.Value;
        using var doc = JsonDocument.Parse(Run("node", [Path.Combine(Root, "infra", "node", "parquet-interop.mjs"), .. args]));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    public static string Literal(string path) => "'" + path.Replace("'", "''") + "'";

    /// <summary>The repository root: the first folder holding Pipeline.sln above the test binaries (or, for builds with an
    /// artifacts path outside the repository, above this source file).</summary>
    private static string FindRoot([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source)! })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }

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
