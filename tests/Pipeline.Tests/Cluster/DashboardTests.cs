using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Pipeline.Tests.Support;
using Xunit;

namespace Pipeline.Tests.Cluster;

/// <summary>
/// <c>silo --dashboard PORT</c> serves the Orleans Dashboard: Azurite and one silo started by infra/cluster.sh (in a
/// state directory of its own, so that it never meets another test's or a developer's cluster), the page loaded in
/// headless Chromium, and the DOM after the dashboard's scripts ran must show the overview with one active silo.
/// </summary>
public sealed class DashboardTests : IClassFixture<DashboardTests.OneSiloWithDashboard>
{
    private readonly OneSiloWithDashboard _cluster;

    public DashboardTests(OneSiloWithDashboard cluster) => _cluster = cluster;

    [Fact]
    public void Dashboard_page_renders_the_cluster_overview_with_its_one_silo()
    {
        var url = $"http://127.0.0.1:{_cluster.DashboardPort}/";
        // The dashboard's scripts poll the silo; give them virtual time until the overview has its figures (the
        // first load on a busy machine may render before the first answer, so look again a few times).
        string dom = "", text = "";
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            (dom, _) = Chromium.DumpDomOfUrl(url, virtualTimeBudgetMs: 10_000 * attempt);
            text = Text(dom);
            if (Regex.IsMatch(text, @"Active Silos\s+\d")) break;
        }
        Assert.Contains("<title>Orleans Dashboard</title>", dom);
        // Rendered by the dashboard's scripts, not present in the served index.html.
        Assert.Contains("Overview", text);
        Assert.Contains("Total Activations", text);
        Assert.Matches(@"Active Silos\s+1\b", text);
        Assert.True(_cluster.SiloLog().Contains($"dashboard http://127.0.0.1:{_cluster.DashboardPort}/", StringComparison.Ordinal), _cluster.SiloLog());
    }

    /// <summary>The DOM's text with tags turned into spaces and whitespace runs collapsed.</summary>
    private static string Text(string dom) => Regex.Replace(Regex.Replace(dom, "<[^>]*>", " "), @"\s+", " ");

    /// <summary>
    /// <c>bash infra/cluster.sh start 1</c> with <c>CLUSTER_DASHBOARD_PORT</c> on a free port and <c>CLUSTER_STATE_DIR</c> in
    /// a temporary folder; <c>stop</c> on dispose (and <c>CLUSTER_OWNER_PID</c> stops it should the test host die).
    /// </summary>
    public sealed class OneSiloWithDashboard : IDisposable
    {
        private readonly TempFolder _state = new();
        private readonly Dictionary<string, string> _environment;

        public int DashboardPort { get; } = FreePort();

        public OneSiloWithDashboard()
        {
            _environment = new()
            {
                ["CLUSTER_STATE_DIR"] = Path.Combine(_state.Path, "cluster"),
                ["CLUSTER_DASHBOARD_PORT"] = DashboardPort.ToString(CultureInfo.InvariantCulture),
                ["CLUSTER_OWNER_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                ["AZURE_STORAGE_CONNECTION_STRING"] = "", // always a private Azurite, never the caller's account
            };
            var (code, stdout, stderr) = ChildProcess.Run("bash", [Repo.Path("infra", "cluster.sh"), "start", "1"], TimeSpan.FromMinutes(10), _environment);
            if (code != 0)
            {
                Stop();
                throw new InvalidOperationException($"infra/cluster.sh start 1 failed ({code}):\n{stdout}\n{stderr}");
            }
        }

        public string SiloLog()
        {
            var log = Path.Combine(_environment["CLUSTER_STATE_DIR"], "silo-1.log");
            return File.Exists(log) ? File.ReadAllText(log) : "(no silo log)";
        }

        private void Stop() => ChildProcess.Run("bash", [Repo.Path("infra", "cluster.sh"), "stop"], TimeSpan.FromMinutes(2), _environment);

        public void Dispose()
        {
            Stop();
            _state.Dispose();
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
            finally { listener.Stop(); }
        }
    }
}
