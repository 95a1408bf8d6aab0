using System.Buffers.Binary;
using System.Text;
using Pipeline.Parquet.Metadata;

namespace Pipeline.Parquet;

/// <summary>
/// The statistics of one column chunk as stored in the footer, decoded to the column's value type (the types
/// <see cref="ColumnData.GetValue"/> returns). <see cref="Min"/>/<see cref="Max"/> are null when the writer stored
/// none (or only the deprecated signed-order min/max of a string column, which are not trustworthy); a chunk with
/// no statistics at all has no <see cref="ColumnChunkStatistics"/>.
/// </summary>
public sealed record ColumnChunkStatistics(long? NullCount, object? Min, object? Max, bool MinIsExact, bool MaxIsExact)
{
    internal static ColumnChunkStatistics? From(Statistics? s, ParquetColumn column)
    {
        if (s is null) return null;
        byte[]? min = s.MinValue, max = s.MaxValue;
        bool exact = min is not null;
        if (min is null && column.Storage != ParquetType.String) { min = s.Min; max = s.Max; }   // deprecated fields: signed order, right for numbers
        object? lo = min is null ? null : Decode(min, column), hi = max is null ? null : Decode(max, column);
        if (lo is null || hi is null) lo = hi = null;
        return new ColumnChunkStatistics(s.NullCount, lo, hi, lo is not null && (s.IsMinValueExact ?? exact), hi is not null && (s.IsMaxValueExact ?? exact));
    }

    /// <summary>A PLAIN-encoded statistics value (without a length prefix for byte arrays) as the column's value type; null if malformed.</summary>
    private static object? Decode(byte[] b, ParquetColumn c)
    {
        switch (c.Storage)
        {
            case ParquetType.Int32 when b.Length == 4:
                int i = BinaryPrimitives.ReadInt32LittleEndian(b);
                return c.Type switch
                {
                    ParquetType.Date => DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber + i),
                    ParquetType.Decimal => (decimal)i / Pow10(c.Scale),
                    _ => i,
                };
            case ParquetType.Int64 when b.Length == 8:
                long l = BinaryPrimitives.ReadInt64LittleEndian(b);
                return c.Type switch
                {
                    ParquetType.Decimal => (decimal)l / Pow10(c.Scale),
                    ParquetType.Timestamp => new DateTime(DateTime.UnixEpoch.Ticks + c.Unit switch
                    {
                        TimestampUnit.Millis => l * TimeSpan.TicksPerMillisecond, TimestampUnit.Nanos => l / 100, _ => l * 10,
                    }, c.Utc ? DateTimeKind.Utc : DateTimeKind.Unspecified),
                    _ => l,
                };
            case ParquetType.Float when b.Length == 4: return BinaryPrimitives.ReadSingleLittleEndian(b);
            case ParquetType.Double when b.Length == 8: return BinaryPrimitives.ReadDoubleLittleEndian(b);
            case ParquetType.Boolean when b.Length == 1: return b[0] != 0;
            case ParquetType.String: return Encoding.UTF8.GetString(b);
            default: return null;
        }
    }

    private static decimal Pow10(int scale)
    {
        decimal p = 1;
        for (int k = 0; k < scale; k++) p *= 10;
        return p;
    }

    /// <summary>
    /// Whether the chunk may hold a value in [<paramref name="lowest"/>, <paramref name="highest"/>] (either bound null =
    /// unbounded): false only when the statistics prove that none does. Strings compare by their UTF-8 bytes, as
    /// Parquet orders them; NaN bounds never exclude anything.
    /// </summary>
    public bool MayContain(object? lowest, object? highest)
    {
        if (Min is null || Max is null) return true;
        if (highest is not null && Compare(Min, highest) > 0) return false;
        if (lowest is not null && Compare(Max, lowest) < 0) return false;
        return true;
    }

    private static int Compare(object stat, object bound) => stat switch
    {
        int or long => Convert.ToInt64(stat).CompareTo(Convert.ToInt64(bound)),
        float or double => double.IsNaN(Convert.ToDouble(stat)) || double.IsNaN(Convert.ToDouble(bound)) ? 0 : Convert.ToDouble(stat).CompareTo(Convert.ToDouble(bound)),
        string s => Encoding.UTF8.GetBytes(s).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes((string)bound)),
        bool b => b.CompareTo((bool)bound),
        decimal m => m.CompareTo(Convert.ToDecimal(bound)),
        DateOnly d => d.CompareTo((DateOnly)bound),
        DateTime t => t.ToUniversalTime().CompareTo(((DateTime)bound).ToUniversalTime()),
        _ => 0,
    };
}
