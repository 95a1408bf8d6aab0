using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Metadata;

/// <summary>
/// parquet.thrift <c>Statistics</c> of a column chunk: min_value/max_value (PLAIN-encoded, in the column's sort
/// order), the deprecated min/max (signed order), null count, distinct count, and whether min/max are exact.
/// </summary>
internal sealed class Statistics
{
    public byte[]? Max, Min, MaxValue, MinValue;
    public long? NullCount, DistinctCount;
    public bool? IsMaxValueExact, IsMinValueExact;

    public void Write(CompactWriter w)
    {
        if (Max is not null) w.Field(1, Max);
        if (Min is not null) w.Field(2, Min);
        if (NullCount is { } n) w.Field(3, n);
        if (DistinctCount is { } d) w.Field(4, d);
        if (MaxValue is not null) w.Field(5, MaxValue);
        if (MinValue is not null) w.Field(6, MinValue);
        if (IsMaxValueExact is { } maxExact) w.Field(7, maxExact);
        if (IsMinValueExact is { } minExact) w.Field(8, minExact);
    }

    public static Statistics Read(CompactReader r)
    {
        var s = new Statistics();
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: s.Max = r.ReadBinary(t); break;
                case 2: s.Min = r.ReadBinary(t); break;
                case 3: s.NullCount = r.ReadI64(t); break;
                case 4: s.DistinctCount = r.ReadI64(t); break;
                case 5: s.MaxValue = r.ReadBinary(t); break;
                case 6: s.MinValue = r.ReadBinary(t); break;
                case 7: s.IsMaxValueExact = r.ReadBool(t); break;
                case 8: s.IsMinValueExact = r.ReadBool(t); break;
                default: r.Skip(t); break;
            }
        return s;
    }
}
