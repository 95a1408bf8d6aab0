namespace Pipeline.Orleans.Units;

/// <summary>A unit finished after its run had collected every output and removed its working files (a duplicate of a unit re-dispatched when its silo seemed lost).</summary>
public sealed class RunClosedException(string runId) : Exception($"run {runId} has ended; this unit's output is no longer needed");
