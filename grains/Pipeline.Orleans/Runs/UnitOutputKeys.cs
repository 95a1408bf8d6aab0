using Pipeline.Grains.Runs;

namespace Pipeline.Orleans.Runs;

/// <summary>Where <see cref="GrainUnitEngine"/> left a run's unit outputs: their content keys in the run's work store,
/// clusters in input order and firm partitions in partition order.</summary>
internal sealed class UnitOutputKeys(string[] clusters, string[] partitions) : ComputedUnits
{
    public IReadOnlyList<string> Clusters => clusters;
    public IReadOnlyList<string> Partitions => partitions;
}
