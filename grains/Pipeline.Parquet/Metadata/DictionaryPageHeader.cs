using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Metadata;

/// <summary>parquet.thrift <c>DictionaryPageHeader</c>: number of dictionary entries and their (PLAIN) encoding.</summary>
internal sealed class DictionaryPageHeader
{
    public int NumValues;
    public PageEncoding Encoding = PageEncoding.Plain;

    public void Write(CompactWriter w)
    {
        w.Field(1, NumValues);
        w.Field(2, (int)Encoding);
    }

    public static DictionaryPageHeader Read(CompactReader r)
    {
        var h = new DictionaryPageHeader();
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(t); break;
                case 2: h.Encoding = (PageEncoding)r.ReadI32(t); break;
                default: r.Skip(t); break;
            }
        if (h.NumValues < 0) throw r.Error("negative dictionary size");
        return h;
    }
}
