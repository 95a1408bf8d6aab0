using System.Diagnostics;

namespace Pipeline.Tests.Support;

/// <summary>What one `pipeline` process printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything the process printed, for assertions and failure messages.</summary>
    public string Output => $"--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs the real command line (<c>pipeline.dll</c>, copied beside the tests by the project reference) as a child
/// process with a controlled environment: no inherited <c>AZURE_STORAGE_CONNECTION_STRING</c> or <c>PIPELINE_*</c>
/// settings, plus the given variables. Output is redirected, so progress is plain lines.
/// </summary>
public static class PipelineProcess
{
    public static async Task<ProcessResult> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var p = Process.Start(StartInfo(args, environment))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"pipeline {string.Join(' ', args)} did not finish in time:\n{await stdout}\n{await stderr}");
        }
        return new ProcessResult(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>How to start the command line with <paramref name="args"/> (output redirected, controlled environment), for tests that talk to the running process.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pipeline.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var name in psi.Environment.Keys.ToList())
            if (name == "AZURE_STORAGE_CONNECTION_STRING" || name.StartsWith("PIPELINE_", StringComparison.Ordinal)) psi.Environment.Remove(name);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        return psi;
    }
}
