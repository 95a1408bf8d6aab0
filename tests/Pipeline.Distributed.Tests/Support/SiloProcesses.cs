using System.Diagnostics;
using System.Text;

namespace Pipeline.Distributed.Tests.Support;

/// <summary>
/// Real silo processes (<c>dotnet silo.dll</c>, built beside the tests) for one test: started with the broker and
/// optional test-only settings in the environment, killed with SIGKILL on demand, stopped with SIGTERM (then SIGKILL
/// after a grace period) at the end. Their output is kept for failure messages.
/// </summary>
public sealed class SiloProcesses : IDisposable
{
    private readonly List<(Process Process, StringBuilder Log)> _silos = [];

    public SiloProcesses(string broker, int count, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        for (int i = 0; i < count; i++)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "silo.dll"));
            psi.Environment["PIPELINE_BROKER"] = broker;
            psi.Environment["PIPELINE_Silo__Name"] = $"test-silo-{i}";
            psi.Environment["PIPELINE_Silo__ExitWithPid"] = Environment.ProcessId.ToString(); // no orphan silos if the test host dies
            foreach (var (k, v) in settings ?? new Dictionary<string, string>()) psi.Environment[$"PIPELINE_Silo__{k}"] = v;
            foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
            var p = Process.Start(psi)!;
            var log = new StringBuilder();
            p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
            p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            _silos.Add((p, log));
        }
    }

    public int Count => _silos.Count;

    /// <summary>kill -9 of silo <paramref name="i"/>: no chance to finish or requeue anything.</summary>
    public void Kill(int i)
    {
        _silos[i].Process.Kill(entireProcessTree: false);
        _silos[i].Process.WaitForExit();
    }

    /// <summary>SIGTERM to silo <paramref name="i"/> (what systemd and docker stop send); returns its exit code once it has exited.</summary>
    public int Terminate(int i, TimeSpan timeout)
    {
        Process.Start("kill", ["-TERM", _silos[i].Process.Id.ToString()])!.WaitForExit();
        if (!_silos[i].Process.WaitForExit(timeout)) throw new TimeoutException($"silo {i} did not exit within {timeout.TotalSeconds} s of SIGTERM:\n{Logs()}");
        _silos[i].Process.WaitForExit(); // drain its output
        return _silos[i].Process.ExitCode;
    }

    public string Log(int i) { lock (_silos[i].Log) return _silos[i].Log.ToString(); }

    public string Logs() => string.Join("\n", _silos.Select((s, i) => { lock (s.Log) return $"--- silo {i} (exit {(s.Process.HasExited ? s.Process.ExitCode.ToString() : "running")}) ---\n{s.Log}"; }));

    public void Dispose()
    {
        foreach (var (p, _) in _silos)
            if (!p.HasExited) Process.Start("kill", ["-TERM", p.Id.ToString()])!.WaitForExit();
        foreach (var (p, _) in _silos)
        {
            if (!p.WaitForExit(TimeSpan.FromSeconds(30))) p.Kill();
            p.WaitForExit();
            p.Dispose();
        }
    }
}
