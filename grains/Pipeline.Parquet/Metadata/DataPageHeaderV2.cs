using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Metadata;

/// <summary>parquet.thrift <c>DataPageHeaderV2</c>: levels stored uncompressed before the (optionally compressed) values.</summary>
internal sealed class DataPageHeaderV2
{
    public int NumValues, NumNulls, NumRows;
    public PageEncoding Encoding;
    public int DefinitionLevelsByteLength, RepetitionLevelsByteLength;
    public bool IsCompressed = true;

    public void Write(CompactWriter w)
    {
        w.Field(1, NumValues);
        w.Field(2, NumNulls);
        w.Field(3, NumRows);
        w.Field(4, (int)Encoding);
        w.Field(5, DefinitionLevelsByteLength);
        w.Field(6, RepetitionLevelsByteLength);
        w.Field(7, IsCompressed);
    }

    public static DataPageHeaderV2 Read(CompactReader r)
    {
        var h = new DataPageHeaderV2();
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(t); break;
                case 2: h.NumNulls = r.ReadI32(t); break;
                case 3: h.NumRows = r.ReadI32(t); break;
                case 4: h.Encoding = (PageEncoding)r.ReadI32(t); break;
                case 5: h.DefinitionLevelsByteLength = r.ReadI32(t); break;
                case 6: h.RepetitionLevelsByteLength = r.ReadI32(t); break;
                case 7: h.IsCompressed = r.ReadBool(t); break;
                default: r.Skip(t); break;
            }
        if (h.NumValues < 0 || h.NumNulls < 0 || h.DefinitionLevelsByteLength < 0 || h.RepetitionLevelsByteLength < 0)
            throw r.Error("negative count in a data page v2 header");
        return h;
    }
}
