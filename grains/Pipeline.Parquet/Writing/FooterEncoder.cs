using System.Buffers;
using Pipeline.Parquet.Compression;
using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Writing;

/// <summary>Encodes the thrift structures of parquet.thrift that the writer emits: PageHeader and FileMetaData.</summary>
internal static class FooterEncoder
{
    /// <summary>parquet.thrift Type of a column.</summary>
    public static int PhysicalType(ParquetType t) => t switch
    {
        ParquetType.Boolean => 0, ParquetType.Int32 => 1, ParquetType.Int64 => 2,
        ParquetType.Float => 4, ParquetType.Double => 5, ParquetType.String => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>PageHeader of a v1 data page, PLAIN values, RLE levels.</summary>
    public static void DataPageHeader(IBufferWriter<byte> output, int uncompressed, int compressed, int numValues)
    {
        var w = new CompactWriter(output);
        w.BeginStruct();
        w.Field(1, 0);                 // type = DATA_PAGE
        w.Field(2, uncompressed);
        w.Field(3, compressed);
        w.StructField(5);              // data_page_header
        w.Field(1, numValues);
        w.Field(2, 0);                 // encoding = PLAIN
        w.Field(3, 3);                 // definition_level_encoding = RLE
        w.Field(4, 3);                 // repetition_level_encoding = RLE
        w.EndStruct();
        w.EndStruct();
    }

    public static void FileMetaData(IBufferWriter<byte> output, ParquetSchema schema, IReadOnlyList<RowGroupInfo> rowGroups,
        ParquetWriterOptions options)
    {
        var w = new CompactWriter(output);
        w.BeginStruct();
        w.Field(1, 1);                                     // version
        w.ListField(2, CompactWriter.Struct, schema.Columns.Count + 1);
        w.BeginStruct();                                   // root
        w.Field(4, "schema");
        w.Field(5, schema.Columns.Count);
        w.EndStruct();
        foreach (var c in schema.Columns)
        {
            w.BeginStruct();
            w.Field(1, PhysicalType(c.Type));
            w.Field(3, c.Required ? 0 : 1);                // REQUIRED / OPTIONAL
            w.Field(4, c.Name);
            if (c.Type == ParquetType.String)
            {
                w.Field(6, 0);                             // converted_type = UTF8
                w.StructField(10);                         // logicalType
                w.StructField(1);                          // STRING
                w.EndStruct();
                w.EndStruct();
            }
            w.EndStruct();
        }
        w.Field(3, rowGroups.Sum(r => r.Rows));
        w.ListField(4, CompactWriter.Struct, rowGroups.Count);
        foreach (var rg in rowGroups) RowGroup(w, rg, options);
        if (options.KeyValueMetadata is { Count: > 0 } kv)
        {
            w.ListField(5, CompactWriter.Struct, kv.Count);
            foreach (var (key, value) in kv.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.BeginStruct();
                w.Field(1, key);
                w.Field(2, value);
                w.EndStruct();
            }
        }
        w.Field(6, options.CreatedBy);
        w.EndStruct();
    }

    private static void RowGroup(CompactWriter w, RowGroupInfo rg, ParquetWriterOptions options)
    {
        w.BeginStruct();
        w.ListField(1, CompactWriter.Struct, rg.Chunks.Count);
        foreach (var c in rg.Chunks)
        {
            w.BeginStruct();
            w.Field(2, c.DataPageOffset);                  // file_offset
            w.StructField(3);                              // meta_data
            w.Field(1, PhysicalType(c.Column.Type));
            w.ListField(2, CompactWriter.I32, 2);
            w.ListElement(0);                              // PLAIN
            w.ListElement(3);                              // RLE (levels)
            w.ListField(3, CompactWriter.Binary, 1);
            w.ListElement(c.Column.Name);
            w.Field(4, PageCompressor.ThriftCodec(options.Codec));
            w.Field(5, c.NumValues);
            w.Field(6, c.UncompressedSize);
            w.Field(7, c.CompressedSize);
            w.Field(9, c.DataPageOffset);
            if (options.WriteStatistics)
            {
                w.StructField(12);
                w.Field(3, c.NullCount);
                if (c.Max is not null) w.Field(5, c.Max);
                if (c.Min is not null) w.Field(6, c.Min);
                w.EndStruct();
            }
            w.EndStruct();
            w.EndStruct();
        }
        w.Field(2, rg.Chunks.Sum(c => c.UncompressedSize));
        w.Field(3, rg.Rows);
        w.Field(5, rg.FileOffset);
        w.Field(6, rg.Chunks.Sum(c => c.CompressedSize));
        w.EndStruct();
    }
}
