namespace Pipeline.Grains.Input;

/// <summary>
/// firm_id → position in the sorted firm array, looked up twice per link. When the ids are dense (their range is at
/// most 4× the firm count, as with registry-style sequential ids) it is a direct-mapped int array — one memory access
/// per lookup instead of hashing into a 10-million-entry dictionary; otherwise a dictionary.
/// </summary>
public sealed class FirmIdIndex
{
    private readonly long _min;
    private readonly int[]? _direct;                 // id − _min → index + 1 (0 = absent)
    private readonly Dictionary<long, int>? _sparse;

    /// <param name="sortedIds">The kept firms' ids, ascending and distinct.</param>
    public FirmIdIndex(ReadOnlySpan<long> sortedIds)
    {
        int n = sortedIds.Length;
        if (n > 0 && sortedIds[n - 1] - sortedIds[0] is var range && range >= 0 && range < 4L * n + 1024 && range < int.MaxValue - 64)
        {
            _min = sortedIds[0];
            _direct = new int[range + 1];
            for (int i = 0; i < n; i++) _direct[sortedIds[i] - _min] = i + 1;
            return;
        }
        _sparse = new Dictionary<long, int>(n);
        for (int i = 0; i < n; i++) _sparse.Add(sortedIds[i], i);
    }

    /// <summary>The firm's position, if the id is a kept firm.</summary>
    public bool TryGetIndex(long firmId, out int index)
    {
        if (_direct is { } direct)
        {
            ulong offset = (ulong)(firmId - _min);
            index = offset < (ulong)direct.Length ? direct[offset] - 1 : -1;
            return index >= 0;
        }
        return _sparse!.TryGetValue(firmId, out index);
    }
}
