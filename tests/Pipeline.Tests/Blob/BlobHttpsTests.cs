using System.Diagnostics;
using Pipeline.Client.Commands;
using Pipeline.Grains.Runs;
using Pipeline.Storage.Tests.Azure;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Tests.Blob;

/// <summary>
/// The https URL form over real TLS: a second Azurite serves https with a certificate made here for 127.0.0.1; the
/// command line trusts it through SSL_CERT_FILE (how .NET on Linux is pointed at extra roots), writes the run to
/// <c>https://127.0.0.1:PORT/devstoreaccount1/CONTAINER/out?SAS</c>, and hyparquet reads every part back over https
/// (NODE_EXTRA_CA_CERTS). Without the trust the run fails cleanly, and neither run prints the signature.
/// </summary>
[Collection("Azurite")]
public sealed class BlobHttpsTests(ITestOutputHelper log)
{
    private const string RunId = "blob-https";

    [Fact]
    public async Task Run_to_an_https_account_url_with_sas_over_tls()
    {
        using var certs = new TempFolder();
        AzuriteFixture.WriteSelfSignedCertificate(certs.File("azurite.crt"), certs.File("azurite.key"));
        Directory.CreateDirectory(certs.File("no-other-roots"));
        var azurite = new AzuriteFixture { CertificatePath = certs.File("azurite.crt"), KeyPath = certs.File("azurite.key") };
        await azurite.InitializeAsync();
        try
        {
            Assert.StartsWith("https://127.0.0.1:", azurite.Endpoint);
            var container = AzuriteFixture.NewContainerName();
            var sas = AzuriteFixture.AccountSas("rwdlac");
            var signature = AzuriteFixture.SignatureOf(sas);
            var output = $"{azurite.Endpoint}/{container}/out";
            var trust = new Dictionary<string, string> { ["SSL_CERT_FILE"] = certs.File("azurite.crt"), ["SSL_CERT_DIR"] = certs.File("no-other-roots") };

            // Without trusting the emulator's certificate: refused at the TLS handshake, not retried, nothing published.
            var untrusted = await PipelineProcess.RunAsync(["run", "--input", FixtureRun.InputFolder, "--output", $"{output}?{sas}", "--run-id", RunId, "--plain"]);
            log.WriteLine(untrusted.Output);
            Assert.Equal(ExitCodes.RunFailed, untrusted.ExitCode);
            Assert.Contains("SSL", untrusted.Stderr);
            Assert.Contains("UntrustedRoot", untrusted.Stderr); // the cause, not "see inner exception"
            Secrets.AssertAbsent("console output of the untrusted run", untrusted.Output, signature, sas);

            var run = await PipelineProcess.RunAsync(["run", "--input", FixtureRun.InputFolder, "--output", $"{output}?{sas}", "--run-id", RunId, "--plain"], trust);
            log.WriteLine(run.Output);
            Assert.True(run.ExitCode == ExitCodes.Ok, run.Output);
            Secrets.AssertAbsent("console output", run.Output, signature, sas);

            Assert.Equal(RunId, (await Curl($"{output}/latest?{sas}", certs.File("azurite.crt"))).Trim());
            var manifest = await Curl($"{output}/runs/{RunId}/_manifest.json?{sas}", certs.File("azurite.crt"));
            Assert.Equal(RunId, RunJson.Deserialize<RunManifest>(System.Text.Encoding.UTF8.GetBytes(manifest))!.RunId);
            Secrets.AssertAbsent("_manifest.json", manifest, signature);

            using var localOut = new TempFolder();
            var local = await PipelineProcess.RunAsync(["run", "--input", FixtureRun.InputFolder, "--output", localOut.Path, "--run-id", RunId, "--plain"]);
            Assert.True(local.ExitCode == ExitCodes.Ok, local.Output);
            foreach (var table in RunFolders.Tables)
            foreach (var name in TableParts.Of(Path.Combine(localOut.Path, "runs", RunId), table))
            {
                var expected = DuckDb.Query($"SELECT * FROM read_parquet({DuckDb.Literal(Path.Combine(localOut.Path, "runs", RunId, table, name))}, hive_partitioning = false)");
                var overHttps = ParquetOverHttp.Rows($"{output}/runs/{RunId}/{table}/{TableParts.UrlPath(name)}?{sas}", certs.File("azurite.crt"));
                Assert.Equal(expected.Count, overHttps.Count);
                for (int i = 0; i < expected.Count; i++) Compare.Rows(expected[i], overHttps[i], $"{table}[{i}] over https");
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>GET with curl trusting <paramref name="caFile"/>; fails on any HTTP error. The URL is not put into messages.</summary>
    private static async Task<string> Curl(string url, string caFile)
    {
        var psi = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-sS", "--fail", "--cacert", caFile, url }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"curl failed ({p.ExitCode}): {(await stderr).Replace(url, "<url>")}");
        return await stdout;
    }
}
