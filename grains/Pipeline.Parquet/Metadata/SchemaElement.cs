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
    /// <summary>Field id of the set member of the LogicalType union (1 = STRING, 6 = DATE, 8 = TIMESTAMP, …).</summary>
    public int? LogicalType;

    /// <summary>converted_type UTF8.</summary>
    public const int ConvertedUtf8 = 0;
    /// <summary>LogicalType union member STRING.</summary>
    public const int LogicalString = 1;

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        if (Type is { } t) w.Field(1, (int)t);
        if (TypeLength is { } tl) w.Field(2, tl);
        if (RepetitionType is { } rt) w.Field(3, (int)rt);
        w.Field(4, Name);
        if (NumChildren is { } nc) w.Field(5, nc);
        if (ConvertedType is { } ct) w.Field(6, ct);
        if (LogicalType is { } lt)
        {
            w.StructField(10);
            w.StructField((short)lt);
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
                    while (r.NextField(ref inner, out byte ut, out short member)) { e.LogicalType = member; r.Skip(ut); }
                    break;
                default: r.Skip(t); break;
            }
        return e;
    }
}
