using System.Buffers;

namespace Pipeline.Grains.ParquetFiles;

/// <summary>
/// Turns a column read as packed non-null values plus definition levels (what Parquet.Net's raw reader returns) into one
/// slot per row: the values move to their rows back to front (so it works in place) and nulls become <c>default</c>
/// with a null mark.
/// </summary>
internal static class NullSpreading
{
    /// <summary>Spreads <paramref name="values"/> over the rows; returns the null marks (rented, one per row), or null if no row is null.</summary>
    public static bool[]? Spread<T>(Span<T> values, ReadOnlySpan<int> levels, int defined) where T : struct
    {
        int present = levels.Count(defined);
        if (present == levels.Length) return null;
        var nulls = ArrayPool<bool>.Shared.Rent(levels.Length);
        for (int row = levels.Length - 1, next = present - 1; row >= 0; row--)
        {
            bool isNull = levels[row] != defined;
            nulls[row] = isNull;
            if (isNull) values[row] = default;
            else values[row] = values[next--];
        }
        return nulls;
    }
}
