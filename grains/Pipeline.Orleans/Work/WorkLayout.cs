using Pipeline.Grains.Runs;

namespace Pipeline.Orleans.Work;

/// <summary>
/// Object names of a run's working files in the output store, under <c>runs/RUN_ID/_work/</c>: the run-wide unit
/// context, the country index, each unit's input and output named by its content key (<see cref="UnitKeys"/>), the
/// aggregation's input (named like a unit's), and the resume record. Silos on any machine that reach the same store
/// read and write these; the run removes the folder once it is published.
/// </summary>
public sealed class WorkLayout(string runId)
{
    public string RunId { get; } = Grains.Runs.RunId.Validate(runId);
    public string Prefix => $"{new RunLayout(RunId).Prefix}/_work";
    public string Context => $"{Prefix}/context.bin";
    public string Country => $"{Prefix}/country.bin";
    /// <summary>What <c>run --resume</c> and a coordinator woken on another silo need to start the run again.</summary>
    public string Submission => $"{Prefix}/run.json";
    public string Input(string unitKey) => $"{Prefix}/units/{unitKey}.in";
    public string Output(string unitKey) => $"{Prefix}/units/{unitKey}.out";
}
