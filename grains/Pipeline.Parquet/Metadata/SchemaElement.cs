using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Metadata;

/// <summary>parquet.thrift <c>SchemaElement</c>: one node of the schema tree (the root or a leaf column).</summary>
internal sealed class SchemaElement
{
    public PhysicalType? Type;
    public int? TypeLength;
    public Repetition? RepetitionType;
    public string Name = "";
    public int? NumChildren;
    public int? ConvertedType;
    public int? Scale, Precision;
    /// <summary>Field id of the set member of the LogicalType union (1 = STRING, 5 = DECIMAL, 6 = DATE, 8 = TIMESTAMP, …).</summary>
    public int? LogicalType;
    /// <summary>DECIMAL logical type: scale and precision (DecimalType fields 1 and 2).</summary>
    public int? LogicalScale, LogicalPrecision;
    /// <summary>TIMESTAMP logical type: isAdjustedToUTC and the TimeUnit member (1 = MILLIS, 2 = MICROS, 3 = NANOS).</summary>
    public bool? TimestampUtc;
    public int? TimestampUnit;

    /// <summary>converted_type values (parquet.thrift ConvertedType).</summary>
    public const int ConvertedUtf8 = 0, ConvertedDecimal = 5, ConvertedDate = 6, ConvertedTimestampMillis = 9, ConvertedTimestampMicros = 10;
    /// <summary>LogicalType union members.</summary>
    public const int LogicalString = 1, LogicalDecimal = 5, LogicalDate = 6, LogicalTimestamp = 8;

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        if (Type is { } t) w.Field(1, (int)t);
        if (TypeLength is { } tl) w.Field(2, tl);
        if (RepetitionType is { } rt) w.Field(3, (int)rt);
        w.Field(4, Name);
        if (NumChildren is { } nc) w.Field(5, nc);
        if (ConvertedType is { } ct) w.Field(6, ct);
        if (Scale is { } sc) w.Field(7, sc);
        if (Precision is { } pr) w.Field(8, pr);
        if (LogicalType is { } lt)
        {
            w.StructField(10);
            w.StructField((short)lt);
            if (lt == LogicalDecimal) { w.Field(1, LogicalScale ?? 0); w.Field(2, LogicalPrecision ?? 0); }
            if (lt == LogicalTimestamp)
            {
                w.Field(1, TimestampUtc ?? true);
                w.StructField(2);
                w.StructField((short)(TimestampUnit ?? 2));
                w.EndStruct();
                w.EndStruct();
            }
            w.EndStruct();
            w.EndStruct();
        }
        w.EndStruct();
    }

    public static SchemaElement Read(CompactReader r)
    {
        var e = new SchemaElement();
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: e.Type = (PhysicalType)r.ReadI32(t); break;
                case 2: e.TypeLength = r.ReadI32(t); break;
                case 3: e.RepetitionType = (Repetition)r.ReadI32(t); break;
                case 4: e.Name = r.ReadString(t); break;
                case 5: e.NumChildren = r.ReadI32(t); break;
                case 6: e.ConvertedType = r.ReadI32(t); break;
                case 7: e.Scale = r.ReadI32(t); break;
                case 8: e.Precision = r.ReadI32(t); break;
                case 10 when t == CompactType.Struct:
                    short inner = 0;
                    while (r.NextField(ref inner, out byte ut, out short member))
                    {
                        e.LogicalType = member;
                        if (member == LogicalDecimal && ut == CompactType.Struct) ReadDecimal(r, e);
                        else if (member == LogicalTimestamp && ut == CompactType.Struct) ReadTimestamp(r, e);
                        else r.Skip(ut);
                    }
                    break;
                default: r.Skip(t); break;
            }
        return e;
    }

    private static void ReadDecimal(CompactReader r, SchemaElement e)
    {
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: e.LogicalScale = r.ReadI32(t); break;
                case 2: e.LogicalPrecision = r.ReadI32(t); break;
                default: r.Skip(t); break;
            }
    }

    private static void ReadTimestamp(CompactReader r, SchemaElement e)
    {
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: e.TimestampUtc = r.ReadBool(t); break;
                case 2 when t == CompactType.Struct:
                    short inner = 0;
                    while (r.NextField(ref inner, out byte ut, out short unit)) { e.TimestampUnit = unit; r.Skip(ut); }
                    break;
                default: r.Skip(t); break;
            }
    }
}
