using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Metadata;

/// <summary>parquet.thrift <c>ColumnMetaData</c>: where a column chunk's pages are, how they are encoded, its statistics.</summary>
internal sealed class ColumnMetaData
{
    public PhysicalType Type;
    public List<PageEncoding> Encodings = [];
    public List<string> PathInSchema = [];
    public ThriftCodec Codec;
    public long NumValues, TotalUncompressedSize, TotalCompressedSize, DataPageOffset;
    public long? DictionaryPageOffset;
    public Statistics? Statistics;

    public void Write(CompactWriter w)
    {
        w.Field(1, (int)Type);
        w.ListField(2, CompactType.I32, Encodings.Count);
        foreach (var e in Encodings) w.ListElement((int)e);
        w.ListField(3, CompactType.Binary, PathInSchema.Count);
        foreach (var p in PathInSchema) w.ListElement(p);
        w.Field(4, (int)Codec);
        w.Field(5, NumValues);
        w.Field(6, TotalUncompressedSize);
        w.Field(7, TotalCompressedSize);
        w.Field(9, DataPageOffset);
        if (DictionaryPageOffset is { } d) w.Field(11, d);
        if (Statistics is not null) { w.StructField(12); Statistics.Write(w); w.EndStruct(); }
    }

    public static ColumnMetaData Read(CompactReader r)
    {
        var m = new ColumnMetaData();
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: m.Type = (PhysicalType)r.ReadI32(t); break;
                case 2:
                    int n = r.ReadListHeader(t, out byte et);
                    for (int i = 0; i < n; i++) m.Encodings.Add((PageEncoding)r.ReadI32(et));
                    break;
                case 3:
                    int p = r.ReadListHeader(t, out byte pt);
                    for (int i = 0; i < p; i++) m.PathInSchema.Add(r.ReadString(pt));
                    break;
                case 4: m.Codec = (ThriftCodec)r.ReadI32(t); break;
                case 5: m.NumValues = r.ReadI64(t); break;
                case 6: m.TotalUncompressedSize = r.ReadI64(t); break;
                case 7: m.TotalCompressedSize = r.ReadI64(t); break;
                case 9: m.DataPageOffset = r.ReadI64(t); break;
                case 11: m.DictionaryPageOffset = r.ReadI64(t); break;
                case 12 when t == CompactType.Struct: m.Statistics = Statistics.Read(r); break;
                default: r.Skip(t); break;
            }
        return m;
    }
}
