using Pipeline.Grains.Runs;

namespace Pipeline.Silo.Staging;

/// <summary>
/// Object names of a distributed run's working files in the output store, under <c>runs/RUN_ID/_work/</c>: the
/// run-wide unit context, the country index, one input per work item (<c>in/ITEM.bin</c>), one output per work
/// item (<c>out/ITEM.bin</c>), the run's resume record and an abort marker. Silos on any machine that reach the same
/// store read and write these; the client removes the folder once it has collected every output.
/// </summary>
public sealed class WorkLayout(string runId)
{
    public string RunId { get; } = Grains.Runs.RunId.Validate(runId);
    public string Prefix => $"{new RunLayout(RunId).Prefix}/_work";
    public string Context => $"{Prefix}/context.bin";
    public string Country => $"{Prefix}/country.bin";
    public string Resume => $"{Prefix}/run.json";
    /// <summary>Written by the client when the run has failed or was cancelled: silos then drop its remaining items.</summary>
    public string Abort => $"{Prefix}/abort";
    public string InputsPrefix => $"{Prefix}/in/";
    public string OutputsPrefix => $"{Prefix}/out/";
    public string Input(string item) => $"{InputsPrefix}{item}.bin";
    public string Output(string item) => $"{OutputsPrefix}{item}.bin";
}
