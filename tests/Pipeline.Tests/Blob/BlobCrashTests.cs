using Pipeline.Client.Commands;
using Pipeline.Grains.Runs;
using Pipeline.Storage.Azure;
using Pipeline.Storage.Tests.Azure;
using Pipeline.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Tests.Blob;

/// <summary>
/// Azurite is killed with SIGKILL while the command line uploads the first output part, and restarted on the same
/// data folder. The run must either retry and finish — then manifest, latest and every row are correct — or fail
/// cleanly — then no manifest, no latest, and <c>_status.json</c> says failed. Nothing in between.
/// </summary>
[Collection("Azurite")]
public sealed class BlobCrashTests(AzuriteFixture azurite, ITestOutputHelper log)
{
    private const string RunId = "crash-1";

    /// <param name="maxRetries">Retries per request: 40 (with ≤ 1 s pauses) outlasts the restart, 2 (≤ 0.1 s pauses) cannot.</param>
    /// <param name="finishes">The outcome this budget must give: finished, or a clean failure.</param>
    [Theory]
    [InlineData(40, 1000, true)]
    [InlineData(2, 100, false)]
    public async Task Azurite_killed_during_the_upload_of_a_part_gives_a_finished_run_or_a_clean_failure(int maxRetries, int maxDelayMs, bool finishes)
    {

        // The run talks to Azurite through a proxy, so the test sees each request as it is sent. The 5th Put Block
        // of firm_metrics (4 KiB blocks: the part needs dozens) kills Azurite — on that request, every time — and
        // starts it again on the same --location in the background.
        int firmBlocks = 0;
        Task? restart = null;
        var killLock = new object();
        await using var proxy = new FaultyProxy(azurite.Port, line =>
        {
            if (line.StartsWith("PUT ", StringComparison.Ordinal) && line.Contains("/firm_metrics/", StringComparison.Ordinal) && line.Contains("comp=block&", StringComparison.Ordinal)
                && Interlocked.Increment(ref firmBlocks) == 5)
                lock (killLock)
                {
                    azurite.Kill();
                    restart = Task.Run(azurite.RestartAsync);
                }
            return Fault.None;
        });
        int pidBefore = azurite.Pid;
        var container = AzuriteFixture.NewContainerName();
        var key = azurite.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        var viaProxy = $"DefaultEndpointsProtocol=http;AccountName={AzureCredentials.DevelopmentAccountName};AccountKey={key};" +
                       $"BlobEndpoint=http://127.0.0.1:{proxy.Port}/{AzureCredentials.DevelopmentAccountName};";

        var run = await PipelineProcess.RunAsync(["run", "--output", $"az://{container}/out", "--run-id", RunId, "--plain"], new Dictionary<string, string>
        {
            ["AZURE_STORAGE_CONNECTION_STRING"] = viaProxy,
            ["PIPELINE_Blob__BlockSize"] = "4096",
            ["PIPELINE_Blob__MaxParallelBlocks"] = "2",
            ["PIPELINE_Blob__MaxRetries"] = maxRetries.ToString(),
            ["PIPELINE_Blob__RetryBaseDelayMs"] = "50",
            ["PIPELINE_Blob__RetryMaxDelayMs"] = maxDelayMs.ToString(),
            ["PIPELINE_Blob__RequestTimeoutSeconds"] = "20",
        });
        log.WriteLine(run.Output);
        Assert.True(restart is not null, $"the kill never fired ({firmBlocks} firm_metrics blocks seen)\n{run.Output}");
        await restart;
        Assert.NotEqual(pidBefore, azurite.Pid);
        if (finishes) Assert.True(firmBlocks > 5, "the upload did not go on after the kill");

        var outputs = new AzureBlobStore(container, "out", azurite.Options());
        using var downloaded = new TempFolder();
        var names = await BlobTransfer.DownloadAsync(outputs, $"runs/{RunId}/", downloaded.Path);
        var latest = await BlobTransfer.ReadTextAsync(outputs, RunLayout.Latest);
        log.WriteLine($"exit {run.ExitCode}; objects: {string.Join(", ", names)}; latest: {latest?.Trim() ?? "(none)"}");
        Assert.Contains("_status.json", names);
        var status = RunFolders.Status(downloaded.Path);
        if (run.ExitCode == ExitCodes.Ok)
        {
            Assert.Equal(RunId, latest?.Trim());
            Assert.Equal(RunState.Finished, status.State);
            // Reference: the same generated sample data set (seed 42) written to a local folder.
            using var localOut = new TempFolder();
            var local = await PipelineProcess.RunAsync(["run", "--output", localOut.Path, "--run-id", RunId, "--plain"]);
            Assert.True(local.ExitCode == ExitCodes.Ok, local.Output);
            RunFolders.AssertSameTables(Path.Combine(localOut.Path, "runs", RunId), downloaded.Path);
        }
        else
        {
            Assert.True(run.ExitCode == ExitCodes.RunFailed, run.Output);
            Assert.Null(latest);
            Assert.DoesNotContain("_manifest.json", names);
            Assert.Equal(RunState.Failed, status.State);
            Assert.False(string.IsNullOrEmpty(status.Error));
        }
        Assert.Equal(finishes, run.ExitCode == ExitCodes.Ok);
        Secrets.AssertAbsent("console output", run.Output, key);
        Secrets.AssertAbsent("_status.json", File.ReadAllText(Path.Combine(downloaded.Path, "_status.json")), key);
        await outputs.DeleteContainerAsync();
    }
}
