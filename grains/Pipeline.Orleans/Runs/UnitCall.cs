using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Pipeline.Orleans.Units;

namespace Pipeline.Orleans.Runs;

/// <summary>
/// One dispatch of a unit (or of the aggregation) to its grain, by short polls: <c>Start</c> with a placement hint for
/// the silo picked, then <c>Wait</c> until the unit is done or failed. Each call waits at most
/// <see cref="GrainEngineOptions.UnitWait"/> (plus <see cref="GrainEngineOptions.CallGrace"/> for the answer), so a
/// unit whose silo leaves the cluster is known lost within about the failure detection, never a response timeout.
/// </summary>
internal static class UnitCall
{
    /// <summary>How a dispatch ended: the unit's last progress (done or failed) on <c>Silo</c>, or why it was lost.</summary>
    public sealed record Ended(string Silo, UnitProgress? Progress, string? Lost);

    /// <summary>Runs <paramref name="assignment"/> on <paramref name="grain"/>, a new activation going to <paramref name="address"/>;
    /// <paramref name="started"/> sees the first answer (the silo it runs on).</summary>
    public static async Task<Ended> RunAsync(IUnitGrain grain, UnitAssignment assignment, string silo, SiloAddress address, ActiveSilos active,
        GrainEngineOptions options, Action<UnitProgress>? started, CancellationToken token)
    {
        var limit = options.UnitWait + options.CallGrace;
        try
        {
            UnitProgress p;
            RequestContext.Set(IPlacementDirector.PlacementHintKey, address); // where a new activation goes
            try { p = await grain.Start(assignment, options.UnitWait).WaitAsync(limit, token).ConfigureAwait(false); }
            finally { RequestContext.Remove(IPlacementDirector.PlacementHintKey); }
            silo = p.Silo;
            started?.Invoke(p);
            while (p.Phase is UnitPhase.Queued or UnitPhase.Running)
            {
                if (!active.IsActive(p.Silo)) { p = p with { Phase = UnitPhase.Unknown }; break; }
                try { p = await grain.Wait(options.UnitWait).WaitAsync(limit, token).ConfigureAwait(false); }
                catch (TimeoutException) { if (!active.IsActive(p.Silo)) { p = p with { Phase = UnitPhase.Unknown }; break; } }
            }
            return p.Phase == UnitPhase.Unknown ? new Ended(silo, null, $"its silo {p.SiloName} left the cluster") : new Ended(silo, p, null);
        }
        catch (Exception e) when (!token.IsCancellationRequested)
        {
            return new Ended(silo, null, e is TimeoutException ? "no answer from its silo" : e.Message);
        }
    }
}
