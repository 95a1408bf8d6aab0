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
        ChildProcess.RunChecked("bash", [Repo.Path("infra", "install-chromium.sh")], TimeSpan.FromMinutes(15));
        return "chromium";
    });

    /// <summary>Loads a local HTML file, returns (DOM after scripts, stderr).</summary>
    public static (string Dom, string Log) DumpDom(string htmlFile) =>
        ChildProcess.RunChecked(Executable.Value, [.. Common(), "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(htmlFile).AbsoluteUri], TimeSpan.FromMinutes(2));

    /// <summary>
    /// Loads a page served over HTTP (a single-page app such as the Orleans Dashboard) and returns (DOM, stderr) once
    /// the page's scripts have had <paramref name="virtualTimeBudgetMs"/> ms of virtual time to fetch and render.
    /// </summary>
    public static (string Dom, string Log) DumpDomOfUrl(string url, int virtualTimeBudgetMs = 10_000) =>
        ChildProcess.RunChecked(Executable.Value, [.. Common(), "--enable-logging=stderr", "--v=0", $"--virtual-time-budget={virtualTimeBudgetMs}", "--dump-dom", url], TimeSpan.FromMinutes(2));

    public static void Screenshot(string htmlFile, string pngFile, int width, int height) =>
        ChildProcess.RunChecked(Executable.Value, [.. Common(), $"--window-size={width},{height}", "--hide-scrollbars", $"--screenshot={pngFile}", new Uri(htmlFile).AbsoluteUri], TimeSpan.FromMinutes(2));

    private static string[] Common() =>
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "pipeline-chromium-" + Environment.ProcessId)];
}
