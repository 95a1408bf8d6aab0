using System.Diagnostics;

namespace Pipeline.Tests.Support;

/// <summary>
/// Headless Debian chromium for rendering the HTML report: the DOM after scripts ran (<c>--dump-dom</c>) with the
/// browser's stderr (console messages with <c>--enable-logging=stderr</c>), and screenshots. Installs chromium
/// through infra/install-chromium.sh on first use.
/// </summary>
public static class Chromium
{
    private static readonly Lazy<string> Executable = new(() =>
    {
        Run("bash", [Repo.Path("infra", "install-chromium.sh")], TimeSpan.FromMinutes(15));
        return "chromium";
    });

    /// <summary>Loads a local HTML file, returns (DOM after scripts, stderr).</summary>
    public static (string Dom, string Log) DumpDom(string htmlFile) =>
        Run(Executable.Value, [.. Common(), "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(htmlFile).AbsoluteUri], TimeSpan.FromMinutes(2));

    public static void Screenshot(string htmlFile, string pngFile, int width, int height) =>
        Run(Executable.Value, [.. Common(), $"--window-size={width},{height}", "--hide-scrollbars", $"--screenshot={pngFile}", new Uri(htmlFile).AbsoluteUri], TimeSpan.FromMinutes(2));

    private static string[] Common() =>
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "pipeline-chromium-" + Environment.ProcessId)];

    private static (string, string) Run(string file, string[] args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout)) { p.Kill(true); throw new TimeoutException($"{file} did not finish in {timeout}."); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        return (stdout.Result, stderr.Result);
    }
}
