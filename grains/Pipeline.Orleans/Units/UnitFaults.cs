namespace Pipeline.Orleans.Units;

/// <summary>
/// Test and drill settings of a silo (section <c>Silo</c>): <c>FailUnit</c> makes the named unit throw on every
/// attempt, <c>DelayMs</c> makes every unit (only the unit named by <c>DelayUnit</c>, if set: <c>aggregate</c> for the
/// aggregation) take that much longer (so a run lasts long enough to break something).
/// </summary>
public sealed record UnitFaults(string? FailUnit, int DelayMs, string? DelayUnit = null)
{
    public static readonly UnitFaults None = new(null, 0);

    public void Apply(string unitId)
    {
        if (DelayMs > 0 && (DelayUnit is null || DelayUnit == unitId)) Thread.Sleep(DelayMs);
        if (FailUnit is not null && FailUnit == unitId)
            throw new InvalidOperationException($"fault injected into unit {unitId} (Silo:FailUnit)");
    }
}
