using Orleans;

namespace Pipeline.Orleans.Runs;

/// <summary>
/// A run as a client submits it to the cluster: input and output locations as every silo can open them (absolute
/// folders or blob URIs without secrets; silos take credentials from their own environment), the run id, replace
/// and resume, the metric settings and output format as JSON (<c>RunJson</c>), what the manifest records as the
/// input, the trigger, and the client's trace context (one trace per run across client and silos).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunSubmission(
    [property: Id(0)] string Input,
    [property: Id(1)] string Output,
    [property: Id(2)] string RunId,
    [property: Id(3)] bool Replace,
    [property: Id(4)] bool Resume,
    [property: Id(5)] string SettingsJson,
    [property: Id(6)] string OutputOptionsJson,
    [property: Id(7)] string? InputDescription,
    [property: Id(8)] string Trigger,
    [property: Id(9)] string? TraceParent);
