namespace Pipeline.Orleans.Runs;

/// <summary>A unit failed on every attempt: the run cannot finish.</summary>
public sealed class UnitFailedException(string message) : Exception(message);
