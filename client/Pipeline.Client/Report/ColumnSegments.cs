using Pipeline.Grains.ParquetFiles;

namespace Pipeline.Client.Report;

/// <summary>
/// One column of a <see cref="RunTable"/> as the row groups decoded it: a run of segments, each a typed
/// <see cref="ColumnValues"/> or one value repeated (a Hive partition folder's value, or null where a part lacks the
/// column). Values are boxed only when asked for, so a national table costs its typed arrays, not an object per value.
/// </summary>
public sealed class ColumnSegments
{
    private readonly List<(int Start, int Count, ColumnValues? Data, object? Constant)> _segments = [];

    /// <summary>Rows held so far.</summary>
    public int Count { get; private set; }

    public void Append(ColumnValues data) => Add(data.Count, data, null);

    /// <summary>Appends <paramref name="count"/> rows that all hold <paramref name="value"/> (null for missing values).</summary>
    public void AppendRepeated(object? value, int count) => Add(count, null, value);

    private void Add(int count, ColumnValues? data, object? constant)
    {
        if (count == 0) return;
        _segments.Add((Count, count, data, constant));
        Count += count;
    }

    /// <summary>The value of a row, boxed (long, double, string, bool, …) or null.</summary>
    public object? Value(int row)
    {
        if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside the column's {Count} rows.");
        int lo = 0, hi = _segments.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_segments[mid].Start <= row) lo = mid; else hi = mid - 1;
        }
        var s = _segments[lo];
        return s.Data is { } data ? data.GetValue(row - s.Start) : s.Constant;
    }
}
