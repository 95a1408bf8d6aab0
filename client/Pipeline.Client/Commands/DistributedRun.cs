using Pipeline.Client.Configuration;
using Pipeline.Grains.Runs;
using Pipeline.Grains.Units;
using Pipeline.Silo.Broker;
using Pipeline.Silo.Engines;
using Pipeline.Silo.Staging;
using Pipeline.Storage;

namespace Pipeline.Client.Commands;

/// <summary>What <c>run --resume</c> needs to read the input again: recorded in <c>runs/RUN_ID/_work/run.json</c> when a distributed run starts.</summary>
public sealed record ResumeRecord(string Input, string? InputDescription, MetricSettings Settings);

/// <summary>
/// The <c>--engine rabbitmq</c> side of <c>run</c>: the broker from <c>--broker</c> / <c>PIPELINE_BROKER</c> /
/// <c>Broker:Uri</c>, the engine for a new or resumed run, and the resume record.
/// </summary>
public static class DistributedRun
{
    public static BrokerEndpoints Broker(PipelineConfiguration config) =>
        BrokerEndpoints.Parse(config.Raw["Broker:Uri"] is { Length: > 0 } b ? b : Environment.GetEnvironmentVariable("PIPELINE_BROKER"));

    public static RabbitMqEngine Engine(PipelineConfiguration config, IObjectStore output, string outputLocation, string runId, ResumeRecord record, bool resume) =>
        new(new RabbitMqEngineOptions(Broker(config), output, outputLocation, runId)
        {
            Resume = resume,
            ResumeRecord = RunJson.Serialize(record),
            TargetItems = int.TryParse(config.Raw["Broker:TargetItems"], out var t) && t > 0 ? t : 256,
        });

    /// <summary>A location as silos and a later <c>--resume</c> must see it: blob URIs as given, folders as absolute paths (a silo's working directory is its own).
    /// A URL with a query (a SAS token) is refused: work item messages would carry the secret; silos take credentials from their own environment.</summary>
    public static string Location(string location)
    {
        if (!ObjectStores.IsBlobUri(location)) return Path.GetFullPath(location);
        if (location.Contains('?'))
            throw new ArgumentException("With --engine rabbitmq the output cannot be a SAS URL (the token would travel in broker messages); " +
                                        "use az://container/prefix and give the client and every silo AZURE_STORAGE_CONNECTION_STRING.");
        return location;
    }

    /// <summary>The input as <c>run.json</c> records it: a folder as an absolute path, a blob URL without its query (a SAS token is never stored).</summary>
    public static string InputForResume(string input) =>
        !ObjectStores.IsBlobUri(input) ? Path.GetFullPath(input) : input.Contains('?') ? input[..input.IndexOf('?')] : input;

    /// <summary>Reads run <paramref name="runId"/>'s resume record, or throws a clear <see cref="ArgumentException"/>.</summary>
    public static async Task<ResumeRecord> ReadRecordAsync(IObjectStore output, string runId, CancellationToken ct)
    {
        var name = new WorkLayout(runId).Resume;
        if (await output.GetInfoAsync(name, ct) is null)
            throw new ArgumentException($"Run '{runId}' in {output.DisplayUri} cannot be resumed: it has no {name} (not a distributed run, finished, or it failed before staging).");
        await using var s = await output.OpenReadAsync(name, ct);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms, ct);
        return RunJson.Deserialize<ResumeRecord>(ms.ToArray()) ?? throw new ArgumentException($"{name} is empty.");
    }
}
