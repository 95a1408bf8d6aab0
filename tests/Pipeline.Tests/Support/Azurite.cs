using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pipeline.Storage.Azure;

namespace Pipeline.Tests.Support;

/// <summary>
/// A real Azurite blob service started with infra/azurite.sh on a free port (never 10000–10002) for one test and
/// stopped by <see cref="DisposeAsync"/>; the script also stops it if the test process dies.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private readonly int _port;
    private Azurite(int port, string connectionString) { _port = port; ConnectionString = connectionString; }

    public string ConnectionString { get; }

    /// <summary>A store over a fresh container of this Azurite.</summary>
    public AzureBlobStore NewStore(string prefix = "") =>
        new("t" + Guid.NewGuid().ToString("N")[..20], prefix, new BlobStoreOptions { Credentials = AzureCredentials.Parse(ConnectionString) });

    public static async Task<Azurite> StartAsync()
    {
        int port = FreePort();
        var info = await RunAsync(port, "start");
        return new Azurite(port, info["AZURE_STORAGE_CONNECTION_STRING"]);
    }

    public async ValueTask DisposeAsync() => await RunAsync(_port, "stop");

    private static async Task<Dictionary<string, string>> RunAsync(int port, string command)
    {
        var psi = new ProcessStartInfo("bash", [Repo.Path("infra", "azurite.sh"), command])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root,
        };
        psi.Environment["AZURITE_BLOB_PORT"] = port.ToString();
        psi.Environment["AZURITE_OWNER_PID"] = Environment.ProcessId.ToString();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await p.WaitForExitAsync(timeout.Token);
        if (p.ExitCode != 0) throw new InvalidOperationException($"infra/azurite.sh {command} failed ({p.ExitCode}): {await stderr}");
        var result = new Dictionary<string, string>();
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (line.IndexOf('=') is var eq and > 0) result[line[..eq]] = line[(eq + 1)..].Trim();
        return result;
    }

    private static int FreePort()
    {
        while (true)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port is < 10000 or > 10002) return port;
        }
    }
}
