using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Metadata;

/// <summary>parquet.thrift <c>FileMetaData</c>: the footer — schema, row groups, key/value metadata, created_by.</summary>
internal sealed class FileMetaData
{
    public int Version = 1;
    public List<SchemaElement> Schema = [];
    public long NumRows;
    public List<RowGroup> RowGroups = [];
    public List<KeyValuePair<string, string?>> KeyValueMetadata = [];
    public string? CreatedBy;
    /// <summary>Writes column_orders = TYPE_ORDER for every column (min_value/max_value follow the type's order).</summary>
    public bool TypeDefinedColumnOrders;

    public void Write(CompactWriter w)
    {
        w.BeginStruct();
        w.Field(1, Version);
        w.ListField(2, CompactType.Struct, Schema.Count);
        foreach (var e in Schema) e.Write(w);
        w.Field(3, NumRows);
        w.ListField(4, CompactType.Struct, RowGroups.Count);
        foreach (var g in RowGroups) g.Write(w);
        if (KeyValueMetadata.Count > 0)
        {
            w.ListField(5, CompactType.Struct, KeyValueMetadata.Count);
            foreach (var (key, value) in KeyValueMetadata)
            {
                w.BeginStruct();
                w.Field(1, key);
                if (value is not null) w.Field(2, value);
                w.EndStruct();
            }
        }
        if (CreatedBy is not null) w.Field(6, CreatedBy);
        if (TypeDefinedColumnOrders)
        {
            w.ListField(7, CompactType.Struct, Schema.Count - 1);
            for (int i = 1; i < Schema.Count; i++)
            {
                w.BeginStruct();
                w.StructField(1);   // TYPE_ORDER (empty TypeDefinedOrder)
                w.EndStruct();
                w.EndStruct();
            }
        }
        w.EndStruct();
    }

    public static FileMetaData Read(CompactReader r)
    {
        var m = new FileMetaData();
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: m.Version = r.ReadI32(t); break;
                case 2:
                    int n = r.ReadListHeader(t, out byte et);
                    if (et != CompactType.Struct) throw r.Error("schema elements are not structs");
                    for (int i = 0; i < n; i++) m.Schema.Add(SchemaElement.Read(r));
                    break;
                case 3: m.NumRows = r.ReadI64(t); break;
                case 4:
                    int g = r.ReadListHeader(t, out byte gt);
                    if (gt != CompactType.Struct) throw r.Error("row groups are not structs");
                    for (int i = 0; i < g; i++) m.RowGroups.Add(RowGroup.Read(r));
                    break;
                case 5:
                    int k = r.ReadListHeader(t, out byte kt);
                    if (kt != CompactType.Struct) throw r.Error("key/value metadata are not structs");
                    for (int i = 0; i < k; i++) m.KeyValueMetadata.Add(ReadKeyValue(r));
                    break;
                case 6: m.CreatedBy = r.ReadString(t); break;
                default: r.Skip(t); break;
            }
        return m;
    }

    private static KeyValuePair<string, string?> ReadKeyValue(CompactReader r)
    {
        string key = ""; string? value = null;
        short last = 0;
        while (r.NextField(ref last, out byte t, out short id))
            switch (id)
            {
                case 1: key = r.ReadString(t); break;
                case 2: value = r.ReadString(t); break;
                default: r.Skip(t); break;
            }
        return new(key, value);
    }
}
