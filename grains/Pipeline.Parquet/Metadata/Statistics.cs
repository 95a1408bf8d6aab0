using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Metadata;

/// <summary>parquet.thrift <c>Statistics</c> of a column chunk: min/max (PLAIN-encoded) and null count.</summary>
internal sealed class Statistics
{
    public byte[]? Max, Min, MaxValue, MinValue;
    public long? NullCount, DistinctCount;

    public void Write(CompactWriter w)
    {
        if (NullCount is { } n) w.Field(3, n);
        if (DistinctCount is { } d) w.Field(4, d);
        if (MaxValue is not null) w.Field(5, MaxValue);
        if (MinValue is not null) w.Field(6, MinValue);
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
                default: r.Skip(t); break;
            }
        return s;
    }
}
