using Orleans;

namespace Pipeline.Orleans.Runs;

/// <summary>What a run's coordinator keeps in grain storage: enough to take the run up again on another silo.</summary>
[GenerateSerializer]
public sealed class RunGrainState
{
    [Id(0)] public RunSubmission? Submission { get; set; }
    [Id(1)] public RunPhase Phase { get; set; }
    [Id(2)] public string? Error { get; set; }
    [Id(3)] public RunFailure Failure { get; set; }
    [Id(4)] public bool StatusRecorded { get; set; }
    [Id(5)] public bool CancelRequested { get; set; }
    [Id(6)] public string? HighlightsJson { get; set; }
    /// <summary>How many times a coordinator has started the run (1 = never taken up again).</summary>
    [Id(7)] public int Starts { get; set; }
    /// <summary>Names this submission's unit grains (<c>RUN_KEY~INSTANCE/UNIT_KEY</c>): a coordinator that takes the run up
    /// again reuses them, a new submission of the same run id (--replace, --resume) gets fresh ones.</summary>
    [Id(8)] public string Instance { get; set; } = "";
}
