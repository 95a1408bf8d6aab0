using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Metadata;

/// <summary>parquet.thrift <c>DataPageHeader</c> (data page v1): value count and the encodings of values and levels.</summary>
internal sealed class DataPageHeader
{
    public int NumValues;
    public PageEncoding Encoding, DefinitionLevelEncoding = PageEncoding.Rle, RepetitionLevelEncoding = PageEncoding.Rle;

    public void Write(CompactWriter w)
    {
        w.Field(1, NumValues);
        w.Field(2, (int)Encoding);
        w.Field(3, (int)DefinitionLevelEncoding);
        w.Field(4, (int)RepetitionLevelEncoding);
    }

    public static DataPageHeader Read(CompactReader r)
    {
        var h = new DataPageHeader();
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(t); break;
                case 2: h.Encoding = (PageEncoding)r.ReadI32(t); break;
                case 3: h.DefinitionLevelEncoding = (PageEncoding)r.ReadI32(t); break;
                case 4: h.RepetitionLevelEncoding = (PageEncoding)r.ReadI32(t); break;
                default: r.Skip(t); break;
            }
        if (h.NumValues < 0) throw r.Error("negative value count in a data page");
        return h;
    }
}
