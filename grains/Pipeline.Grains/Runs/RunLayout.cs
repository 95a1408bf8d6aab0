namespace Pipeline.Grains.Runs;

/// <summary>Object names of a run under the output store (contract: <c>OUTPUT/runs/RUN_ID/…</c> and <c>OUTPUT/latest</c>).</summary>
public sealed class RunLayout(string runId)
{
    public const string Latest = "latest";
    public const string RunsFolder = "runs";

    public string RunId { get; } = runId;
    public string Prefix => $"{RunsFolder}/{RunId}";
    public string Status => $"{Prefix}/_status.json";
    public string Manifest => $"{Prefix}/_manifest.json";
}
