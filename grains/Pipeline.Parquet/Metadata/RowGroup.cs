using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Metadata;

/// <summary>parquet.thrift <c>RowGroup</c>: one column chunk per leaf column plus sizes and the row count.</summary>
internal sealed class RowGroup
{
    public List<ColumnChunk> Columns = [];
    public long TotalByteSize, NumRows, FileOffset, TotalCompressedSize;
    public short? Ordinal;

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.ListField(1, CompactType.Struct, Columns.Count);
        foreach (var c in Columns) c.Write(w);
        w.Field(2, TotalByteSize);
        w.Field(3, NumRows);
        w.Field(5, FileOffset);
        w.Field(6, TotalCompressedSize);
        if (Ordinal is { } o) w.Field16(7, o);
        w.EndStruct();
    }

    public static RowGroup Read(CompactReader r)
    {
        var g = new RowGroup();
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1:
                    int n = r.ReadListHeader(t, out byte et);
                    if (et != CompactType.Struct) throw r.Error("row group columns are not structs");
                    for (int i = 0; i < n; i++) g.Columns.Add(ColumnChunk.Read(r));
                    break;
                case 2: g.TotalByteSize = r.ReadI64(t); break;
                case 3: g.NumRows = r.ReadI64(t); break;
                case 5: g.FileOffset = r.ReadI64(t); break;
                case 6: g.TotalCompressedSize = r.ReadI64(t); break;
                default: r.Skip(t); break;
            }
        return g;
    }
}
