namespace Pipeline.Metrics;

/// <summary>
/// Per-thread scratch arrays reused across units (a worker computes one unit at a time): each slot holds one array
/// that grows to the largest size asked of it and is never shrunk, so a unit's O(n + m) working memory is allocated
/// once per worker instead of once per unit (and stays out of the large-object heap's churn). Contents are left
/// over from the last use: callers clear what they read before writing. Slots are private to one kernel each.
/// </summary>
internal static class Scratch
{
    /// <summary>Slot numbers, one per kernel array, so no two users on a thread share a slot.</summary>
    public const int ClusteringForward = 0, ClusteringMark = 1, ClusteringStart = 2, StructuralHolesMaxWeight = 0, StructuralHolesShare = 1;

    [ThreadStatic] private static int[]?[]? t_ints;
    [ThreadStatic] private static long[]? t_longs;
    [ThreadStatic] private static double[]?[]? t_doubles;

    /// <summary>This thread's int array of slot <paramref name="slot"/>, at least <paramref name="length"/> long; stale contents.</summary>
    public static int[] Ints(int slot, int length) => Get(ref t_ints, slot, length);

    /// <summary>This thread's double array of slot <paramref name="slot"/>, at least <paramref name="length"/> long; stale contents.</summary>
    public static double[] Doubles(int slot, int length) => Get(ref t_doubles, slot, length);

    /// <summary>This thread's long array (one slot), at least <paramref name="length"/> long; stale contents.</summary>
    public static long[] Longs(int length)
    {
        if (t_longs is null || t_longs.Length < length) t_longs = new long[Grow(length)];
        return t_longs;
    }

    private static T[] Get<T>(ref T[]?[]? slots, int slot, int length)
    {
        slots ??= new T[]?[4];
        var a = slots[slot];
        if (a is null || a.Length < length) slots[slot] = a = new T[Grow(length)];
        return a;
    }

    /// <summary>Room for growth (×1.25) so a run of slightly larger units does not reallocate each time.</summary>
    private static int Grow(int length) => (int)Math.Min(Array.MaxLength, Math.Max(16L, length + (long)length / 4));
}
