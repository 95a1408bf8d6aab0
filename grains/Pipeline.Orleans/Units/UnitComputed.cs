namespace Pipeline.Orleans.Units;

/// <summary>What a unit grain's computation reports: rows in and out, and a small result for its caller (none for the metric units).</summary>
public readonly record struct UnitComputed(long RowsIn, long RowsOut, string? Result = null);
