using Pipeline.Client.Commands;
using Pipeline.Grains.Runs;
using Pipeline.Storage;
using Pipeline.Storage.Azure;
using Pipeline.Storage.Tests.Azure;
using Pipeline.Tests.EndToEnd;
using Pipeline.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Tests.Blob;

/// <summary>
/// The real command line (a child process) reading its input from and writing its run to a real Azurite
/// (infra/azurite.sh, started by <see cref="AzuriteFixture"/> on a free port): the tables downloaded from blob
/// storage must hold exactly the rows of the same run written to a local folder; <c>_manifest.json</c> and
/// <c>latest</c> must exist on the blob side; no secret may appear in what the run prints or writes.
/// </summary>
[Collection("Azurite")]
public sealed class BlobRunTests(AzuriteFixture azurite, ITestOutputHelper log)
{
    private const string RunId = "blob-e2e";

    /// <summary>The account key in the connection string the fixture's script printed (Azurite's development key).</summary>
    private string AccountKey => azurite.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];

    private static async Task<string> LocalRunAsync(TempFolder output, params string[] extra)
    {
        var local = await PipelineProcess.RunAsync(["run", "--output", output.Path, "--run-id", RunId, "--plain", .. extra]);
        Assert.True(local.ExitCode == ExitCodes.Ok, local.Output);
        return Path.Combine(output.Path, "runs", RunId);
    }

    [Fact]
    public async Task Run_from_az_input_to_az_output_gives_the_local_rows_and_publishes_manifest_then_latest()
    {
        using var localOut = new TempFolder();
        var localRun = await LocalRunAsync(localOut, "--input", FixtureRun.InputFolder);

        var container = AzuriteFixture.NewContainerName();
        var store = new AzureBlobStore(container, "", azurite.Options());
        await BlobTransfer.UploadFolderAsync(FixtureRun.InputFolder, store, "national/2026/");

        var blob = await PipelineProcess.RunAsync(
            ["run", "--input", $"az://{container}/national/2026", "--output", $"az://{container}/outputs", "--run-id", RunId, "--plain"],
            new Dictionary<string, string> { ["AZURE_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString });
        log.WriteLine(blob.Output);
        Assert.True(blob.ExitCode == ExitCodes.Ok, blob.Output);

        var outputs = new AzureBlobStore(container, "outputs", azurite.Options());
        Assert.Equal(RunId, (await BlobTransfer.ReadTextAsync(outputs, RunLayout.Latest))?.Trim());
        using var downloaded = new TempFolder();
        var names = await BlobTransfer.DownloadAsync(outputs, $"runs/{RunId}/", downloaded.Path);
        Assert.Contains("_manifest.json", names);
        Assert.Contains("_status.json", names);
        RunFolders.AssertSameTables(localRun, downloaded.Path);

        var manifest = RunFolders.Manifest(downloaded.Path);
        Assert.Equal($"az://{container}/national/2026", manifest.Input.Uri);
        Assert.Equal(RunState.Finished, RunFolders.Status(downloaded.Path).State);
        // The manifest is published after every part: it is the newest object of the run.
        var run = new List<ObjectInfo>();
        await foreach (var o in outputs.ListAsync($"runs/{RunId}/")) run.Add(o);
        var manifestTime = run.Single(o => o.Name.EndsWith("/_manifest.json", StringComparison.Ordinal)).LastModified;
        Assert.All(run.Where(o => o.Name.EndsWith(".parquet", StringComparison.Ordinal)), o => Assert.True(o.LastModified <= manifestTime, o.Name));

        // Running the same id again is refused on blob storage too, and nothing changes.
        var again = await PipelineProcess.RunAsync(
            ["run", "--input", $"az://{container}/national/2026", "--output", $"az://{container}/outputs", "--run-id", RunId, "--plain"],
            new Dictionary<string, string> { ["AZURE_STORAGE_CONNECTION_STRING"] = azurite.ConnectionString });
        Assert.True(again.ExitCode == ExitCodes.RunExists, again.Output);

        // No secret in the console output, the status, the manifest, or anything else the run wrote.
        var key = AccountKey;
        Secrets.AssertAbsent("console output", blob.Output + again.Output, key);
        foreach (var file in Directory.GetFiles(downloaded.Path, "*", SearchOption.AllDirectories))
            Secrets.AssertAbsent(Path.GetFileName(file), File.ReadAllText(file), key);
        await store.DeleteContainerAsync();
    }

    [Fact]
    public async Task Run_with_account_url_locations_and_sas_tokens_only()
    {
        using var localOut = new TempFolder();
        var localRun = await LocalRunAsync(localOut, "--input", FixtureRun.InputFolder);

        var container = AzuriteFixture.NewContainerName();
        var owner = new AzureBlobStore(container, "", azurite.Options());
        await BlobTransfer.UploadFolderAsync(FixtureRun.InputFolder, owner, "in/");
        // Read-only SAS for the input, read/write/delete/list SAS for the output; no connection string at all.
        var readSas = AzuriteFixture.ContainerSas(container, "rl");
        var writeSas = AzuriteFixture.ContainerSas(container, "racwdl");
        var input = $"{azurite.Endpoint}/{container}/in";
        var output = $"{azurite.Endpoint}/{container}/out";

        var blob = await PipelineProcess.RunAsync(["run", "--input", $"{input}?{readSas}", "--output", $"{output}?{writeSas}", "--run-id", RunId, "--plain"]);
        log.WriteLine(blob.Output);
        Assert.True(blob.ExitCode == ExitCodes.Ok, blob.Output);

        var outputs = new AzureBlobStore(container, "out", azurite.Options());
        Assert.Equal(RunId, (await BlobTransfer.ReadTextAsync(outputs, RunLayout.Latest))?.Trim());
        using var downloaded = new TempFolder();
        await BlobTransfer.DownloadAsync(outputs, $"runs/{RunId}/", downloaded.Path);
        RunFolders.AssertSameTables(localRun, downloaded.Path);
        Assert.Equal(input, RunFolders.Manifest(downloaded.Path).Input.Uri);
        Assert.Contains(output, blob.Stdout); // the summary names the output, without its query string

        // An independent reader straight over HTTP with the read-only SAS (HEAD + Range GETs, as BI tools do): every
        // part as published holds the rows DuckDB reads from the downloaded copy.
        foreach (var table in RunFolders.Tables)
        foreach (var name in TableParts.Of(downloaded.Path, table))
        {
            var part = $"{output}/runs/{RunId}/{table}/{TableParts.UrlPath(name)}?{readSas}";
            var expected = DuckDb.Query($"SELECT * FROM read_parquet({DuckDb.Literal(Path.Combine(downloaded.Path, table, name))}, hive_partitioning = false)");
            var overHttp = ParquetOverHttp.Rows(part);
            Assert.Equal(expected.Count, overHttp.Count);
            for (int i = 0; i < expected.Count; i++) Compare.Rows(expected[i], overHttp[i], $"{table}[{i}] over HTTP");
        }

        var signatures = new[] { readSas, writeSas }.Select(AzuriteFixture.SignatureOf).ToArray();
        Secrets.AssertAbsent("console output", blob.Output, [.. signatures, readSas, writeSas, AccountKey]);
        foreach (var file in Directory.GetFiles(downloaded.Path, "*", SearchOption.AllDirectories))
            Secrets.AssertAbsent(Path.GetFileName(file), File.ReadAllText(file), [.. signatures, AccountKey]);

        // A read-only SAS as output fails cleanly: exit 1, nothing published, and the signature is not printed.
        var denied = await PipelineProcess.RunAsync(["run", "--input", $"{input}?{readSas}", "--output", $"{azurite.Endpoint}/{container}/denied?{readSas}", "--plain"]);
        Assert.NotEqual(ExitCodes.Ok, denied.ExitCode);
        Assert.Contains("403", denied.Stderr);
        Secrets.AssertAbsent("console output of a refused run", denied.Output, [.. signatures, readSas]);
        Assert.Null(await new AzureBlobStore(container, "denied", azurite.Options()).GetInfoAsync(RunLayout.Latest));
        await owner.DeleteContainerAsync();
    }

    [Fact]
    public async Task Missing_credentials_are_a_clear_error_that_names_the_variable()
    {
        var result = await PipelineProcess.RunAsync(["run", "--input", FixtureRun.InputFolder, "--output", "az://outputs/pipeline", "--plain"]);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(AzureCredentials.ConnectionStringVariable, result.Stderr);
    }

    [Fact]
    public async Task Account_url_without_any_credential_fails_with_one_clear_message()
    {
        // No connection string, no SAS: DefaultAzureCredential finds no managed identity, workload identity,
        // environment credential or `az login` here, and the run stops with one message that says what to set.
        var result = await PipelineProcess.RunAsync(["run", "--input", FixtureRun.InputFolder, "--output", "https://nosuchaccount.blob.core.windows.net/outputs/pipeline", "--plain"]);
        log.WriteLine(result.Output);
        Assert.Equal(ExitCodes.RunFailed, result.ExitCode);
        Assert.Contains("No credential to sign in to https://nosuchaccount.blob.core.windows.net/outputs/pipeline with Microsoft Entra ID", result.Stderr);
        Assert.Contains(AzureCredentials.ConnectionStringVariable, result.Stderr);
        Assert.Contains("az login", result.Stderr);
        Assert.DoesNotContain("   at ", result.Output); // no stack trace
    }
}
