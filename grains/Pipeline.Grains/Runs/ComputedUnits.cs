namespace Pipeline.Grains.Runs;

/// <summary>
/// Where an engine left a run's unit outputs once every unit is done. Opaque to the coordinator, which hands it back
/// to the same engine's <see cref="IRunEngine.AggregateAsync"/>: an in-process engine keeps the outputs themselves,
/// the grain engine their content keys in the run's work store (so the outputs never pass through the coordinator).
/// </summary>
public abstract class ComputedUnits;
