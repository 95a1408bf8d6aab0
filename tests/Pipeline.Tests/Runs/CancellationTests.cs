using System.Diagnostics;
using System.Text.Json;
using Pipeline.Client.Commands;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Runs;

/// <summary>Ctrl+C (SIGINT) or SIGTERM during a run: the process stops, records the cancellation in _status.json, publishes nothing and exits with 130.</summary>
public class CancellationTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_during_compute_is_recorded_as_a_cancelled_run(string signal)
    {
        using var output = new TempFolder();
        using var p = Process.Start(AsForegroundProcess(PipelineProcess.StartInfo(["run", "--preset", "region", "--output", output.Path, "--run-id", "c1", "--plain"])))!;
        var stderr = p.StandardError.ReadToEndAsync();
        var seen = new System.Text.StringBuilder();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            // Wait for the compute stage (the region preset computes for many seconds on this machine).
            while (await p.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                seen.AppendLine(line);
                if (line.Contains("compute: ", StringComparison.Ordinal) && line.Contains("units on", StringComparison.Ordinal)) break;
            }
        }
        Assert.False(p.HasExited, seen.ToString());
        ChildProcess.RunChecked("kill", [$"-{signal}", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        var rest = p.StandardOutput.ReadToEndAsync();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60))) await p.WaitForExitAsync(deadline.Token);

        Assert.True(p.ExitCode == ExitCodes.Cancelled, $"exit {p.ExitCode}\n{seen}{await rest}\n{await stderr}");
        Assert.Contains("cancelled", await stderr);
        using var status = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Path, "runs", "c1", "_status.json")));
        Assert.Equal("failed", status.RootElement.GetProperty("state").GetString());
        Assert.StartsWith("cancelled", status.RootElement.GetProperty("error").GetString());
        Assert.False(File.Exists(Path.Combine(output.Path, "runs", "c1", "_manifest.json")));
        Assert.False(File.Exists(Path.Combine(output.Path, "latest")));
    }

    /// <summary>
    /// Starts the command with SIGINT at its default disposition, as in a terminal's foreground. A test host may run
    /// with SIGINT ignored (as background jobs of a shell do), and an ignored signal stays ignored in its children,
    /// where .NET then never reports it; a python3 exec wrapper restores the default first.
    /// </summary>
    private static ProcessStartInfo AsForegroundProcess(ProcessStartInfo psi)
    {
        var args = psi.ArgumentList.ToList();
        psi.ArgumentList.Clear();
        foreach (var a in (string[])["-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])", psi.FileName])
            psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.FileName = "python3";
        return psi;
    }
}
