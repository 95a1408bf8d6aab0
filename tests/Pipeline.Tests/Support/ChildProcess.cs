using System.Diagnostics;

namespace Pipeline.Tests.Support;

/// <summary>Runs a helper program (node, bash, chromium) to completion with a deadline and captures its output.</summary>
public static class ChildProcess
{
    /// <summary>Exit code, stdout and stderr; the process is killed (and TimeoutException thrown) past <paramref name="timeout"/>.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string file, string[] args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout)) { p.Kill(true); throw new TimeoutException($"{file} did not finish in {timeout}."); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Like <see cref="Run"/>, but a non-zero exit code throws with the command and its stderr.</summary>
    public static (string Stdout, string Stderr) RunChecked(string file, string[] args, TimeSpan timeout)
    {
        var (code, stdout, stderr) = Run(file, args, timeout);
        if (code != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({code}): {stderr}");
        return (stdout, stderr);
    }
}
