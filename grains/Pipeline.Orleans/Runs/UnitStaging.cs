using Pipeline.Grains.Partitioning;
using Pipeline.Grains.Units;
using Pipeline.Orleans.Work;

namespace Pipeline.Orleans.Runs;

/// <summary>
/// Stages one unit's input just before the unit is dispatched (<see cref="GrainUnitEngine"/>), so units start as
/// soon as their own input is ready instead of after every input is staged. A cluster unit's input is cut from the
/// partitioned input once: its content key is the hash of that cut, and the same cut is then kept in the
/// coordinator's memory for a unit going to the coordinator's own silo (<see cref="IRunWorkStore.KeepClusterInput"/>)
/// or encoded and put in the work store for a unit going to another silo. A firm partition's input is the country
/// index, kept in the coordinator's memory before dispatch (firm partitions go to the coordinator's silo) and put in
/// the work store once, the first time a firm partition is dispatched again (it may then go to any silo); its key is
/// known from the start. A unit whose output is already stored under its key (a resumed run, a re-executed unit)
/// needs no input: it is reused.
/// </summary>
internal sealed class UnitStaging(PartitionedInput input, string inputSha256, byte[] context)
{
    private readonly IReadOnlyList<UnitOfWork> _plan = input.Plan;
    private readonly string?[] _keys = PartitionKeys(input, inputSha256, context);
    private long _stagedTicks;
    private int _kept, _put;
    private readonly Lock _countryGate = new();
    private Task? _countryPut;

    /// <summary>Unit <paramref name="i"/>'s content key (known once it was staged).</summary>
    public string Key(int i) => _keys[i] ?? throw new InvalidOperationException($"unit {_plan[i].UnitId} was not staged");

    /// <summary>How many cluster inputs were kept in memory and put in the store, and the time spent staging (summed over units).</summary>
    public string Summary => $"{_kept:N0} cluster unit inputs kept in the coordinator's memory, {_put:N0} put in the work store{CountrySummary}; staging took {TimeSpan.FromTicks(Interlocked.Read(ref _stagedTicks)).TotalSeconds:F1} s summed over units";

    private string CountrySummary => !_plan.Any(u => u is FirmPartitionUnit) ? ""
        : _countryPut is null ? ", the country index kept in the coordinator's memory only" : ", the country index put in the work store too";

    /// <summary>
    /// Gets unit <paramref name="i"/>'s input ready for a silo: <paramref name="local"/> when the unit goes to the
    /// coordinator's silo, <paramref name="again"/> when it was dispatched before (its grain may be active on
    /// either kind of silo, so its input is made readable from both). Returns whether its output is already stored.
    /// </summary>
    public async Task<bool> StageAsync(IRunWorkStore store, int i, bool local, bool again, CancellationToken ct)
    {
        long started = DateTime.UtcNow.Ticks;
        try
        {
            if (_plan[i] is not ClusterUnit u)
            {
                if (await store.HasOutputAsync(Key(i), ct).ConfigureAwait(false)) return true;
                if (!local || again) await PutCountryOnceAsync(store).ConfigureAwait(false);
                return false;
            }
            // The cut views pooled arrays (ClusterUnitInput's remarks): a kept cut belongs to the unit grain that
            // reads it (it gives the arrays back once its output is stored); a cut only hashed or encoded is given
            // back here.
            // An input that goes to the work store is encoded once, for its key and its file.
            ClusterUnitInput? cut = null;
            byte[]? encoded = null;
            bool put = !local || again, keep = false;
            try
            {
                if (_keys[i] is null)
                {
                    cut = input.ClusterInput(u.Cluster);
                    if (put)
                    {
                        encoded = WorkItemInputCodec.EncodeCluster(u.UnitId, cut);
                        _keys[i] = UnitKeys.ForEncodedCluster(encoded, context);
                    }
                    else _keys[i] = UnitKeys.ForCluster(u.UnitId, cut, context);
                }
                var key = _keys[i]!;
                if (await store.HasOutputAsync(key, ct).ConfigureAwait(false)) return true;
                cut ??= input.ClusterInput(u.Cluster);
                if (put)
                {
                    await store.PutClusterInputAsync(key, encoded ?? WorkItemInputCodec.EncodeCluster(u.UnitId, cut), ct).ConfigureAwait(false);
                    Interlocked.Increment(ref _put);
                }
                if (local || again)
                {
                    store.KeepClusterInput(key, cut);
                    keep = true;
                    Interlocked.Increment(ref _kept);
                }
                return false;
            }
            finally
            {
                if (!keep) cut?.Dispose();
            }
        }
        finally
        {
            Interlocked.Add(ref _stagedTicks, DateTime.UtcNow.Ticks - started);
        }
    }

    /// <summary>Puts the country index in the work store the first time a firm partition may run on another silo; a failed put is tried again next time.</summary>
    private Task PutCountryOnceAsync(IRunWorkStore store)
    {
        lock (_countryGate)
        {
            if (_countryPut is null || _countryPut.IsFaulted || _countryPut.IsCanceled)
                _countryPut = store.PutCountryAsync(input, CancellationToken.None);
            return _countryPut;
        }
    }

    private static string?[] PartitionKeys(PartitionedInput input, string inputSha256, byte[] context)
    {
        var keys = new string?[input.Plan.Count];
        for (int i = 0; i < keys.Length; i++)
            if (input.Plan[i] is FirmPartitionUnit p) keys[i] = UnitKeys.ForPartition(inputSha256, p.Partition, p.Partitions, context);
        return keys;
    }
}
