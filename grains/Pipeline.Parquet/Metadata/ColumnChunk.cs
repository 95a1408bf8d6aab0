using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Metadata;

/// <summary>parquet.thrift <c>ColumnChunk</c>: a column's part of a row group (this file only; no external file_path).</summary>
internal sealed class ColumnChunk
{
    public string? FilePath;
    public long FileOffset;
    public ColumnMetaData? MetaData;

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.Field(2, FileOffset);
        if (MetaData is not null) { w.StructField(3); MetaData.Write(w); w.EndStruct(); }
        w.EndStruct();
    }

    public static ColumnChunk Read(CompactReader r)
    {
        var c = new ColumnChunk();
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: c.FilePath = r.ReadString(t); break;
                case 2: c.FileOffset = r.ReadI64(t); break;
                case 3 when t == CompactType.Struct: c.MetaData = ColumnMetaData.Read(r); break;
                default: r.Skip(t); break;
            }
        return c;
    }
}
