namespace Pipeline.Parquet;

/// <summary>
/// The values of one column chunk (one column of one row group), decoded into a typed array with a null mask.
/// Read with the getter of the column's type; reading a null row (other than through <see cref="GetValue"/> or
/// <see cref="IsNull"/>) or with the wrong type's getter throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class ColumnData
{
    private readonly int[]? _ints;
    private readonly long[]? _longs;
    private readonly float[]? _floats;
    private readonly double[]? _doubles;
    private readonly bool[]? _bools;
    private readonly string[]? _strings;
    private bool[]? _nulls;

    internal ColumnData(ParquetColumn column, int count)
    {
        Column = column;
        Count = count;
        // Decoders write every row (null rows get the default value), so number arrays need no zeroing.
        switch (column.Storage)
        {
            case ParquetType.Int32: _ints = GC.AllocateUninitializedArray<int>(count); break;
            case ParquetType.Int64: _longs = GC.AllocateUninitializedArray<long>(count); break;
            case ParquetType.Float: _floats = GC.AllocateUninitializedArray<float>(count); break;
            case ParquetType.Double: _doubles = GC.AllocateUninitializedArray<double>(count); break;
            case ParquetType.Boolean: _bools = GC.AllocateUninitializedArray<bool>(count); break;
            case ParquetType.String: _strings = new string[count]; break;
        }
    }

    /// <summary>The column these values belong to.</summary>
    public ParquetColumn Column { get; }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>Number of null rows.</summary>
    public int NullCount { get; private set; }

    /// <summary>Whether the row is null.</summary>
    public bool IsNull(int row) { Check(row); return _nulls is not null && _nulls[row]; }

    /// <summary>INT32 value of a non-null row.</summary>
    public int GetInt32(int row) => Get(_ints, row, ParquetType.Int32);
    /// <summary>INT64 value of a non-null row.</summary>
    public long GetInt64(int row) => Get(_longs, row, ParquetType.Int64);
    /// <summary>FLOAT value of a non-null row.</summary>
    public float GetFloat(int row) => Get(_floats, row, ParquetType.Float);
    /// <summary>DOUBLE value of a non-null row.</summary>
    public double GetDouble(int row) => Get(_doubles, row, ParquetType.Double);
    /// <summary>BOOLEAN value of a non-null row.</summary>
    public bool GetBoolean(int row) => Get(_bools, row, ParquetType.Boolean);
    /// <summary>String value of a non-null row.</summary>
    public string GetString(int row) => Get(_strings, row, ParquetType.String);

    /// <summary>
    /// All stored values at once, for tight loops without per-value checks: the INT32 values (also the days of a DATE
    /// column and the unscaled values of an INT32-stored DECIMAL). A null row holds 0 — see <see cref="NullMask"/>.
    /// </summary>
    public ReadOnlySpan<int> Int32Values => Span(_ints, ParquetType.Int32);
    /// <summary>All INT64 values (also TIMESTAMP and INT64-stored DECIMAL raw values); 0 at null rows.</summary>
    public ReadOnlySpan<long> Int64Values => Span(_longs, ParquetType.Int64);
    /// <summary>All FLOAT values; 0 at null rows.</summary>
    public ReadOnlySpan<float> FloatValues => Span(_floats, ParquetType.Float);
    /// <summary>All DOUBLE values; 0 at null rows.</summary>
    public ReadOnlySpan<double> DoubleValues => Span(_doubles, ParquetType.Double);
    /// <summary>All BOOLEAN values; false at null rows.</summary>
    public ReadOnlySpan<bool> BooleanValues => Span(_bools, ParquetType.Boolean);
    /// <summary>All string values; null at null rows.</summary>
    public ReadOnlySpan<string?> StringValues => Span<string?>(_strings, ParquetType.String);
    /// <summary>True at null rows; empty when the column chunk has no nulls.</summary>
    public ReadOnlySpan<bool> NullMask => _nulls;

    private ReadOnlySpan<T> Span<T>(T[]? values, ParquetType storage) =>
        values ?? throw new InvalidOperationException($"Column '{Column.Name}' is stored as {Column.Storage}, not {storage}.");

    /// <summary>DATE value of a non-null row.</summary>
    public DateOnly GetDate(int row)
    {
        Expect(ParquetType.Date);
        int days = Get(_ints, row, ParquetType.Int32);
        long day = (long)UnixEpochDay + days;
        if (day < 0 || day > DateOnly.MaxValue.DayNumber) throw new InvalidOperationException($"Column '{Column.Name}': day {days} is outside the dates .NET represents.");
        return DateOnly.FromDayNumber((int)day);
    }

    /// <summary>TIMESTAMP value of a non-null row (Kind Utc for UTC-adjusted columns, else Unspecified; nanoseconds truncated to ticks).</summary>
    public DateTime GetTimestamp(int row)
    {
        Expect(ParquetType.Timestamp);
        long v = Get(_longs, row, ParquetType.Int64);
        long ticks = Column.Unit switch
        {
            TimestampUnit.Millis => v * TimeSpan.TicksPerMillisecond,
            TimestampUnit.Nanos => v / 100,
            _ => v * 10,
        };
        return new DateTime(DateTime.UnixEpoch.Ticks + ticks, Column.Utc ? DateTimeKind.Utc : DateTimeKind.Unspecified);
    }

    /// <summary>DECIMAL value of a non-null row (unscaled value / 10^scale).</summary>
    public decimal GetDecimal(int row)
    {
        Expect(ParquetType.Decimal);
        long unscaled = Column.Storage == ParquetType.Int32 ? Get(_ints, row, ParquetType.Int32) : Get(_longs, row, ParquetType.Int64);
        ulong magnitude = unscaled < 0 ? (ulong)(-(unscaled + 1)) + 1 : (ulong)unscaled;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, unscaled < 0, (byte)Column.Scale);
    }

    private void Expect(ParquetType type)
    {
        if (Column.Type != type) throw new InvalidOperationException($"Column '{Column.Name}' is {Column.Type}, not {type}.");
    }

    private static readonly int UnixEpochDay = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>The value boxed (int, long, float, double, bool or string), or null for a null row.</summary>
    public object? GetValue(int row)
    {
        if (IsNull(row)) return null;
        return Column.Type switch
        {
            ParquetType.Date => GetDate(row), ParquetType.Timestamp => GetTimestamp(row), ParquetType.Decimal => GetDecimal(row),
            ParquetType.Int32 => _ints![row], ParquetType.Int64 => _longs![row], ParquetType.Float => _floats![row],
            ParquetType.Double => _doubles![row], ParquetType.Boolean => _bools![row], _ => _strings![row],
        };
    }

    private T Get<T>(T[]? values, int row, ParquetType type)
    {
        if (values is null) throw new InvalidOperationException($"Column '{Column.Name}' is {Column.Type}, not {type}.");
        if (IsNull(row)) throw new InvalidOperationException($"Column '{Column.Name}' is null at row {row}.");
        return values[row];
    }

    private void Check(int row)
    {
        if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside the column's {Count} rows.");
    }

    /// <summary>The typed value array (decoders write into it).</summary>
    internal T[] Values<T>() => (T[])(object)(_ints as object ?? _longs as object ?? _floats as object ?? _doubles as object ?? _bools as object ?? _strings!);

    /// <summary>The null mask (allocated on first use) for a page that adds <paramref name="count"/> null rows at <paramref name="offset"/>.</summary>
    internal bool[] MarkNulls(int offset, int count)
    {
        _nulls ??= new bool[Count];
        NullCount += count;
        return _nulls;
    }
}
