using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Storage;
using Azure.Storage.Sas;
using Pipeline.Storage.Azure;
using Xunit;

namespace Pipeline.Storage.Tests.Azure;

/// <summary>
/// Starts a real Azurite blob service with infra/azurite.sh on a free port (never 10000, to leave a
/// developer's own Azurite alone) for the "Azurite" test collection, and stops it afterwards. Can kill
/// it with SIGKILL and restart it on the same data folder to test recovery. Signs SAS tokens for its account with
/// the SDK's builders, and makes self-signed certificates for an https Azurite.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public string RepoRoot { get; } = FindRepoRoot();
    public int Port { get; private set; }
    public int Pid { get; private set; }
    public string Location { get; private set; } = "";
    public string ConnectionString { get; private set; } = "";
    public AzureCredentials Credentials => AzureCredentials.Parse(ConnectionString);

    /// <summary>PEM certificate and private key: when both are set, Azurite serves https with them (infra/azurite.sh).</summary>
    public string? CertificatePath { get; init; }
    public string? KeyPath { get; init; }

    /// <summary>Azurite's --oauth level ("basic": bearer tokens accepted over https, their lifetime, issuer and audience checked).</summary>
    public string? OAuth { get; init; }

    /// <summary>Path-style endpoint of the emulator's account.</summary>
    public string Endpoint => $"{(CertificatePath is null ? "http" : "https")}://127.0.0.1:{Port}/{AzureCredentials.DevelopmentAccountName}";

    public async Task InitializeAsync()
    {
        Port = FreePort();
        Apply(await RunScriptAsync("start"));
    }

    public async Task DisposeAsync() => await RunScriptAsync("stop");

    /// <summary>kill -9 of the Azurite process; returns once it has exited.</summary>
    public void Kill()
    {
        using var process = Process.GetProcessById(Pid);
        process.Kill(); // SIGKILL on Unix
        process.WaitForExit(30_000);
    }

    /// <summary>Starts Azurite again on the same port and data folder.</summary>
    public async Task RestartAsync() => Apply(await RunScriptAsync($"start --keep-location \"{Location}\""));

    /// <summary>Options for the emulator with test-friendly retry settings.</summary>
    public BlobStoreOptions Options(int blockSize = 8 << 20, int singleMax = 8 << 20, int parallel = 4) => new()
    {
        Credentials = Credentials,
        BlockSize = blockSize,
        SingleUploadMaxBytes = singleMax,
        MaxParallelBlocks = parallel,
        MaxRetries = 10,
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>A store over a fresh, uniquely named container.</summary>
    public AzureBlobStore NewStore(string prefix = "", BlobStoreOptions? options = null) =>
        new(NewContainerName(), prefix, options ?? Options());

    /// <summary>An account SAS (blob service, every resource type) with <paramref name="permissions"/> (e.g. "rwdlac"), valid for an hour.</summary>
    public static string AccountSas(string permissions)
    {
        var builder = new AccountSasBuilder { Services = AccountSasServices.Blobs, ResourceTypes = AccountSasResourceTypes.All, ExpiresOn = DateTimeOffset.UtcNow.AddHours(1) };
        builder.SetPermissions(permissions);
        return builder.ToSasQueryParameters(SharedKey).ToString();
    }

    /// <summary>A container SAS with <paramref name="permissions"/> (e.g. "rl"), valid for an hour.</summary>
    public static string ContainerSas(string container, string permissions)
    {
        var builder = new BlobSasBuilder { BlobContainerName = container, Resource = "c", ExpiresOn = DateTimeOffset.UtcNow.AddHours(1) };
        builder.SetPermissions(permissions);
        return builder.ToSasQueryParameters(SharedKey).ToString();
    }

    /// <summary>The signature of a SAS token, decoded.</summary>
    public static string SignatureOf(string sas) => Uri.UnescapeDataString(sas[(sas.IndexOf("sig=", StringComparison.Ordinal) + 4)..].Split('&')[0]);

    private static StorageSharedKeyCredential SharedKey => new(AzureCredentials.DevelopmentAccountName, AzureCredentials.DevelopmentAccountKey);

    /// <summary>A self-signed server certificate for 127.0.0.1 and localhost (PEM certificate and PKCS#8 key).</summary>
    public static void WriteSelfSignedCertificate(string certificatePath, string keyPath)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem() + "\n");
    }

    public static string NewContainerName() => "t" + Guid.NewGuid().ToString("N")[..20];

    private void Apply(Dictionary<string, string> info)
    {
        Pid = int.Parse(info["AZURITE_PID"]);
        Location = info["AZURITE_LOCATION"];
        ConnectionString = info["AZURE_STORAGE_CONNECTION_STRING"];
    }

    private async Task<Dictionary<string, string>> RunScriptAsync(string arguments)
    {
        var psi = new ProcessStartInfo("bash", $"\"{Path.Combine(RepoRoot, "infra", "azurite.sh")}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        psi.Environment["AZURITE_BLOB_PORT"] = Port.ToString();
        psi.Environment["AZURITE_OWNER_PID"] = Environment.ProcessId.ToString();
        if (CertificatePath is not null && KeyPath is not null)
        {
            psi.Environment["AZURITE_CERT"] = CertificatePath;
            psi.Environment["AZURITE_KEY"] = KeyPath;
        }
        if (OAuth is not null) psi.Environment["AZURITE_OAUTH"] = OAuth;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"infra/azurite.sh {arguments} failed ({process.ExitCode}): {await stderr}");
        var result = new Dictionary<string, string>();
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = line.IndexOf('=');
            if (eq > 0) result[line[..eq]] = line[(eq + 1)..].Trim();
        }
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

    /// <summary>Walks up from the test binaries (or, for builds with --artifacts-path, from this source file) to Pipeline.sln.</summary>
    private static string FindRepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
            for (var dir = start.Length > 0 ? new DirectoryInfo(start) : null; dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Tests that share one Azurite (run one after another).</summary>
[CollectionDefinition("Azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
