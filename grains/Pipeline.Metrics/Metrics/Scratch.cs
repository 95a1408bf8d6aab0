using Pipeline.Metrics.Graphs;

namespace Pipeline.Metrics;

/// <summary>
/// Per-thread scratch arrays reused across units (a worker computes one unit at a time): each slot holds one array
/// that grows to the largest size asked of it and is never shrunk, so a unit's O(n + m) working memory is allocated
/// once per worker instead of once per unit (and stays out of the large-object heap's churn). Contents are left
/// over from the last use: callers clear what they read before writing. Slots are private to one kernel each.
/// </summary>
internal static class Scratch
{
    /// <summary>
    /// Slot numbers, one per kernel array, so no two users on a thread share a slot. A slot is used only inside one
    /// kernel call (nothing of it is returned or kept), so kernels that call each other never see their arrays change.
    /// </summary>
    public const int ClusteringForward = 0, ClusteringMark = 1, ClusteringStart = 2,
        BetweennessSources = 3, BetweennessRenumbered = 4, FoldWeight = 5, FoldLeaves = 6, FoldKept = 7,
        SetParent = 8, SetSize = 9, RobustnessByKey = 10, RobustnessRank = 11, RobustnessDegree = 12, RobustnessOrder = 13,
        RobustnessSetParent = 14, RobustnessSetSize = 15, Permutation = 16, LifecycleAges = 17, IntSlots = 18;

    /// <summary>Double slots.</summary>
    public const int StructuralHolesMaxWeight = 0, StructuralHolesShare = 1, FoldKeptWeight = 2, DoubleSlots = 3;

    /// <summary>Long slots.</summary>
    public const int ClusteringTriangles = 0, RobustnessKeys = 1, RobustnessHeap = 2, LongSlots = 3;

    /// <summary>Bool slots.</summary>
    public const int BetweennessIsPivot = 0, RobustnessRemoved = 1, RobustnessPresent = 2, BoolSlots = 3;

    [ThreadStatic] private static int[]?[]? t_ints;
    [ThreadStatic] private static long[]?[]? t_longSlots;
    [ThreadStatic] private static double[]?[]? t_doubles;
    [ThreadStatic] private static bool[]?[]? t_bools;

    /// <summary>This thread's int array of slot <paramref name="slot"/>, at least <paramref name="length"/> long; stale contents.</summary>
    public static int[] Ints(int slot, int length) => Get(ref t_ints, slot, length, IntSlots);

    /// <summary>This thread's double array of slot <paramref name="slot"/>, at least <paramref name="length"/> long; stale contents.</summary>
    public static double[] Doubles(int slot, int length) => Get(ref t_doubles, slot, length, DoubleSlots);

    /// <summary>This thread's long array of slot <paramref name="slot"/>, at least <paramref name="length"/> long; stale contents.</summary>
    public static long[] Longs(int slot, int length) => Get(ref t_longSlots, slot, length, LongSlots);

    /// <summary>This thread's bool array of slot <paramref name="slot"/>, at least <paramref name="length"/> long; stale contents.</summary>
    public static bool[] Bools(int slot, int length) => Get(ref t_bools, slot, length, BoolSlots);

    private static T[] Get<T>(ref T[]?[]? slots, int slot, int length, int count)
    {
        slots ??= new T[]?[count];
        var a = slots[slot];
        if (a is null || a.Length < length) slots[slot] = a = new T[BufferGrowth.Size(length)];
        return a;
    }
}
