using System.Diagnostics;
using Pipeline.Tests.Support;

namespace Pipeline.Distributed.Tests.Support;

/// <summary>
/// A real local Orleans cluster for one test: <c>bash infra/cluster.sh start N</c> with a state folder of its own
/// (Azurite on free ports + N silo processes), the environment a client needs to reach it, its silo processes in
/// start order (silo-1, silo-2, …) to kill, stop or continue, and <c>stop</c> on dispose. Silo settings (fault drills)
/// are passed as <c>PIPELINE_Silo__*</c> variables.
/// </summary>
public sealed class LocalCluster : IDisposable
{
    private readonly TempFolder _state = new();
    private readonly Dictionary<string, string> _siloEnvironment;

    public IReadOnlyDictionary<string, string> ClientEnvironment { get; }

    public LocalCluster(int silos, IReadOnlyDictionary<string, string>? siloSettings = null, IReadOnlyDictionary<string, string>? siloEnvironment = null)
    {
        _siloEnvironment = (siloSettings ?? new Dictionary<string, string>()).ToDictionary(kv => $"PIPELINE_Silo__{kv.Key}", kv => kv.Value);
        foreach (var (k, v) in siloEnvironment ?? new Dictionary<string, string>()) _siloEnvironment[k] = v;
        var exports = Script("start", silos.ToString());
        var env = new Dictionary<string, string>();
        foreach (var line in exports.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("export ", StringComparison.Ordinal)) continue;
            var kv = line["export ".Length..];
            int eq = kv.IndexOf('=');
            env[kv[..eq]] = kv[(eq + 1)..].Trim('\'');
        }
        ClientEnvironment = env;
    }

    public IReadOnlyList<int> Pids => [.. Script("pids").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

    public void Add(int silos) => Script("add", silos.ToString());

    /// <summary>Kills the cluster's Azurite with SIGKILL and starts it again on the same ports and data after <paramref name="down"/>.</summary>
    public void RestartAzurite(TimeSpan down) => Script("azurite-restart", ((int)Math.Ceiling(down.TotalSeconds)).ToString());

    /// <summary>SIGKILL, SIGSTOP or SIGCONT to silo-<paramref name="n"/> (1-based, start order).</summary>
    public void Signal(int n, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {Pids[n - 1]}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>
    /// The silos the cluster's membership table (Azure Table <c>OrleansSiloInstances</c>) records as declared dead:
    /// a silo evicted by its peers (missed liveness probes) or killed.
    /// </summary>
    public IReadOnlyList<string> DeadSilos()
    {
        var table = new Azure.Data.Tables.TableClient(ClientEnvironment["AZURE_STORAGE_CONNECTION_STRING"], "OrleansSiloInstances");
        return [.. table.Query<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == ClientEnvironment["PIPELINE_Cluster__ClusterId"])
            .Where(e => e.GetString("Status") == "Dead")
            .Select(e => e.GetString("SiloName") ?? e.RowKey)];
    }

    public string Logs() => string.Join("\n", Directory.GetFiles(_state.Path, "silo-*.log").Order().Select(f => $"--- {Path.GetFileName(f)} ---\n" + Tail(f)));

    private static string Tail(string file) => string.Join("\n", File.ReadLines(file).TakeLast(40));

    private string Script(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(Repo.Root, "infra", "cluster.sh"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var name in psi.Environment.Keys.ToList())
            if (name == "AZURE_STORAGE_CONNECTION_STRING" || name.StartsWith("PIPELINE_", StringComparison.Ordinal) || name.StartsWith("OTEL_", StringComparison.Ordinal))
                psi.Environment.Remove(name);
        psi.Environment["CLUSTER_STATE_DIR"] = _state.Path;
        psi.Environment["CLUSTER_OWNER_PID"] = Environment.ProcessId.ToString();
        foreach (var (k, v) in _siloEnvironment) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(true); throw new TimeoutException($"infra/cluster.sh {string.Join(' ', args)} hung"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"infra/cluster.sh {string.Join(' ', args)} failed ({p.ExitCode}):\n{stderr.Result}\n{stdout.Result}");
        return stdout.Result;
    }

    public void Dispose()
    {
        try { Script("stop"); } catch (Exception) { /* best effort: the owner watch stops it with this process anyway */ }
        _state.Dispose();
    }
}
