using System.Buffers.Binary;
using Pipeline.Parquet.Metadata;
using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Reading;

/// <summary>
/// Reads and checks the file envelope — leading and trailing <c>PAR1</c>, the 4-byte footer length — and decodes the
/// footer (FileMetaData). Every length is checked against the file size before anything is allocated.
/// </summary>
internal static class FooterReader
{
    public static FileMetaData Read(Stream stream, string file, out long footerStart)
    {
        long length = stream.Length;
        if (length < 12) throw new ParquetFormatException($"{file}: not a Parquet file ({length} bytes; at least 12 needed).");
        Span<byte> head = stackalloc byte[4];
        stream.Position = 0;
        stream.ReadExactly(head);
        if (!head.SequenceEqual("PAR1"u8)) throw new ParquetFormatException($"{file}: not a Parquet file (no leading PAR1 magic).");
        Span<byte> tail = stackalloc byte[8];
        stream.Position = length - 8;
        stream.ReadExactly(tail);
        if (!tail[4..].SequenceEqual("PAR1"u8))
            throw new ParquetFormatException($"{file}: not a complete Parquet file (no trailing PAR1 magic; truncated or still being written?).");
        if (tail[4..].SequenceEqual("PARE"u8)) throw new ParquetFormatException($"{file}: encrypted Parquet files are not supported.");
        uint footerLength = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (footerLength == 0 || footerLength > length - 12)
            throw new ParquetFormatException($"{file}: corrupt Parquet footer length {footerLength} (file has {length} bytes).");
        footerStart = length - 8 - footerLength;
        var footer = new byte[footerLength];
        stream.Position = footerStart;
        stream.ReadExactly(footer);
        var reader = new CompactReader(footer, 0, footer.Length, file);
        var meta = FileMetaData.Read(reader);
        Validate(meta, file, footerStart);
        return meta;
    }

    private static void Validate(FileMetaData meta, string file, long dataEnd)
    {
        long rows = 0;
        foreach (var g in meta.RowGroups)
        {
            if (g.NumRows < 0 || g.NumRows > int.MaxValue) throw new ParquetFormatException($"{file}: corrupt row group row count {g.NumRows}.");
            rows += g.NumRows;
            if (g.Columns.Count != meta.Schema.Count - 1)
                throw new ParquetFormatException($"{file}: a row group has {g.Columns.Count} column chunks, the schema {meta.Schema.Count - 1} columns.");
            foreach (var c in g.Columns)
            {
                var m = c.MetaData ?? throw new ParquetFormatException($"{file}: a column chunk has no metadata (external or encrypted chunks are not supported).");
                if (c.FilePath is not null) throw new ParquetFormatException($"{file}: column chunks in other files ({c.FilePath}) are not supported.");
                long start = ChunkStart(m);
                if (start < 4 || m.TotalCompressedSize <= 0 || m.TotalCompressedSize > dataEnd - start)
                    throw new ParquetFormatException($"{file}: column chunk '{string.Join('.', m.PathInSchema)}' lies outside the data (offset {start}, {m.TotalCompressedSize} bytes, data ends at {dataEnd}).");
                if (m.NumValues != g.NumRows)
                    throw new ParquetFormatException($"{file}: column chunk '{string.Join('.', m.PathInSchema)}' has {m.NumValues} values for {g.NumRows} rows.");
            }
        }
        if (rows != meta.NumRows) throw new ParquetFormatException($"{file}: the footer says {meta.NumRows} rows, its row groups hold {rows}.");
    }

    /// <summary>Where a chunk's first page is: the dictionary page if there is one, else the first data page.</summary>
    public static long ChunkStart(ColumnMetaData m) =>
        m.DictionaryPageOffset is { } d && d > 0 && d < m.DataPageOffset ? d : m.DataPageOffset;
}
