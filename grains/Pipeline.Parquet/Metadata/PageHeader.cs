using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Metadata;

/// <summary>parquet.thrift <c>PageHeader</c>: page type, sizes, and the header of the page's kind.</summary>
internal sealed class PageHeader
{
    public PageType Type;
    public int UncompressedPageSize, CompressedPageSize;
    public DataPageHeader? DataPage;
    public DictionaryPageHeader? DictionaryPage;
    public DataPageHeaderV2? DataPageV2;

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.Field(1, (int)Type);
        w.Field(2, UncompressedPageSize);
        w.Field(3, CompressedPageSize);
        if (DataPage is not null) { w.StructField(5); DataPage.Write(w); w.EndStruct(); }
        if (DictionaryPage is not null) { w.StructField(7); DictionaryPage.Write(w); w.EndStruct(); }
        if (DataPageV2 is not null) { w.StructField(8); DataPageV2.Write(w); w.EndStruct(); }
        w.EndStruct();
    }

    public static PageHeader Read(CompactReader r)
    {
        var h = new PageHeader();
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: h.Type = (PageType)r.ReadI32(t); break;
                case 2: h.UncompressedPageSize = r.ReadI32(t); break;
                case 3: h.CompressedPageSize = r.ReadI32(t); break;
                case 5 when t == CompactType.Struct: h.DataPage = DataPageHeader.Read(r); break;
                case 7 when t == CompactType.Struct: h.DictionaryPage = DictionaryPageHeader.Read(r); break;
                case 8 when t == CompactType.Struct: h.DataPageV2 = DataPageHeaderV2.Read(r); break;
                default: r.Skip(t); break;
            }
        if (h.UncompressedPageSize < 0 || h.CompressedPageSize < 0) throw r.Error("negative page size");
        return h;
    }
}
