using System.Diagnostics;
using System.Text;
using Pipeline.Tests.Support;

namespace Pipeline.Distributed.Tests.Support;

/// <summary>
/// A <c>pipeline run</c> process followed line by line while it goes, so a test can act when the run reaches a point
/// (units done, a message) and then wait for its end. Times are recorded for the closing notes, never asserted.
/// </summary>
public sealed class FollowedRun : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();
    private readonly object _gate = new();
    private readonly List<(Func<string, bool> When, TaskCompletionSource<string> Seen)> _waits = [];
    private readonly List<(DateTime At, string Line)> _timeline = [];

    public FollowedRun(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        _process = Process.Start(PipelineProcess.StartInfo(args, environment))!;
        _process.OutputDataReceived += (_, e) => Line(e.Data, _stdout);
        _process.ErrorDataReceived += (_, e) => Line(e.Data, _stderr);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Output { get { lock (_gate) return $"--- stdout ---\n{_stdout}\n--- stderr ---\n{_stderr}"; } }

    /// <summary>Completes with the first line (already printed or to come) for which <paramref name="when"/> holds.</summary>
    public Task<string> Seen(Func<string, bool> when, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var line in _stdout.ToString().Split('\n')) if (when(line)) { seen.TrySetResult(line); return seen.Task; }
            _waits.Add((when, seen));
        }
        return seen.Task.WaitAsync(timeout).ContinueWith(t => t.IsFaulted ? throw new TimeoutException($"not seen in time:\n{Output}") : t.Result);
    }

    /// <summary>The stdout lines printed since <paramref name="since"/> for which <paramref name="when"/> holds, each with the seconds since then.</summary>
    public IReadOnlyList<string> LinesSince(DateTime since, Func<string, bool> when)
    {
        lock (_gate) return [.. _timeline.Where(t => t.At >= since && when(t.Line)).Select(t => $"+{(t.At - since).TotalSeconds:F1} s {t.Line}")];
    }

    /// <summary>Completes once at least <paramref name="units"/> units are reported done.</summary>
    public Task<string> UnitsDone(int units, TimeSpan timeout) => Seen(l => ComputeDone(l) >= units, timeout);

    public async Task<int> ExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _process.Kill(true); throw new TimeoutException($"the run did not end in {timeout}:\n{Output}"); }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>The units done in a plain progress line "… compute: 12/345 units (3%)", else -1.</summary>
    private static int ComputeDone(string line)
    {
        int i = line.IndexOf("compute: ", StringComparison.Ordinal), slash = line.IndexOf('/', Math.Max(0, i));
        if (i < 0 || slash < 0 || !line.Contains(" units (", StringComparison.Ordinal)) return -1;
        return int.TryParse(line[(i + "compute: ".Length)..slash].Replace(",", ""), out var n) ? n : -1;
    }

    private void Line(string? line, StringBuilder into)
    {
        if (line is null) return;
        lock (_gate)
        {
            into.Append(line).Append('\n');
            if (into != _stdout) return;
            _timeline.Add((DateTime.UtcNow, line));
            foreach (var w in _waits.Where(w => w.When(line)).ToList()) { w.Seen.TrySetResult(line); _waits.Remove(w); }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(true);
        _process.Dispose();
    }
}
