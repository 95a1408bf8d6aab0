namespace Pipeline.Grains.Units;

/// <summary>Platform-independent 64-bit hashes (FNV-1a then a SplitMix64 finaliser) for seeds and partitioning; string.GetHashCode is randomised per process.</summary>
public static class StableHash
{
    public static ulong Of(string text)
    {
        ulong h = 14695981039346656037UL;
        foreach (var c in text) { h ^= c; h *= 1099511628211UL; }
        return Mix(h);
    }

    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The firm partition of a firm_id among <paramref name="partitions"/>.</summary>
    public static int PartitionOf(long firmId, int partitions) => (int)(Mix((ulong)firmId) % (ulong)partitions);
}
