using Pipeline.Grains.Runs;
using Pipeline.Storage;

namespace Pipeline.Client.Report;

/// <summary>Reads a run's tables from the output store (the given run, else the one in <c>latest</c>) and renders the HTML report.</summary>
public static class ReportBuilder
{
    public static async Task<(string RunId, string Html)> BuildAsync(IObjectStore output, string? runId, CancellationToken ct)
    {
        runId ??= await RunPublisher.ReadLatestAsync(output, ct).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"No finished run in {output.DisplayUri} (no 'latest'); give a run id.");
        RunId.Validate(runId);
        if (await output.GetInfoAsync(new RunLayout(runId).Manifest, ct).ConfigureAwait(false) is null)
            throw new FileNotFoundException($"Run '{runId}' in {output.DisplayUri} has no _manifest.json: it is not finished (or does not exist).");
        var clusters = await RunTableReader.ReadAsync(output, runId, "cluster_metrics", ReportModel.ClusterColumns, ct).ConfigureAwait(false);
        var regions = await RunTableReader.ReadAsync(output, runId, "region_metrics", ReportModel.RegionColumns, ct).ConfigureAwait(false);
        var firms = await RunTableReader.ReadAsync(output, runId, "firm_metrics", ReportModel.FirmColumns, ct).ConfigureAwait(false);
        var manifest = RunJson.Deserialize<RunManifest>(await ReadAllAsync(output, new RunLayout(runId).Manifest, ct).ConfigureAwait(false));
        var scenarios = manifest?.Tables.ContainsKey("scenario_metrics") == true   // runs from before the table, or with scenarios off, have none
            ? await RunTableReader.ReadAsync(output, runId, "scenario_metrics", ReportModel.ScenarioColumns, ct).ConfigureAwait(false)
            : null;
        var model = ReportModel.Build(runId, clusters, regions, firms, scenarios: scenarios);
        return (runId, HtmlReport.Render(model, output.DisplayUri, DateTimeOffset.UtcNow));
    }

    private static async Task<byte[]> ReadAllAsync(IObjectStore store, string name, CancellationToken ct)
    {
        await using var s = await store.OpenReadAsync(name, ct).ConfigureAwait(false);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct).ConfigureAwait(false);
        return ms.ToArray();
    }
}
