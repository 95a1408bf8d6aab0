using Orleans.Runtime;
using Pipeline.Grains.Units;
using Pipeline.Orleans.Work;

namespace Pipeline.Orleans.Units;

/// <summary>The firm partition unit grain: <see cref="FirmPartitionComputation.Compute"/> over the run's country index.</summary>
public sealed class FirmPartitionGrain(UnitWorkers workers, RunWorkStores stores, ILocalSiloDetails silo, UnitFaults faults)
    : UnitGrain(workers, stores, silo, faults), IFirmPartitionGrain
{
    protected override async Task<UnitComputed> ComputeAsync(IRunWorkStore store, UnitAssignment a)
    {
        var country = await store.GetCountryAsync(CancellationToken.None);
        var output = await OnWorkersAsync(1, () =>
        {
            Faults.Apply(a.UnitId);
            return FirmPartitionComputation.Compute(a.Partition, country);
        });
        if (!await store.IsOpenAsync(CancellationToken.None)) throw new RunClosedException(a.RunId); // a late duplicate: the run has its outputs
        await store.PutOutputAsync(a.UnitKey, new UnitOutput(null, output), CancellationToken.None);
        return new UnitComputed(country.PartitionFirms[a.Partition].Length, output.Firms.Length);
    }
}
