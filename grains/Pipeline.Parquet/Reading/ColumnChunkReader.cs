using System.Buffers;
using System.Buffers.Binary;
using Pipeline.Parquet.Compression;
using Pipeline.Parquet.Encodings;
using Pipeline.Parquet.Metadata;
using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Reading;

/// <summary>
/// Reads one column chunk: its bytes (<see cref="ReadBytes"/>, bounds checked against the file), then page by page (<see cref="Decode"/>) — dictionary page, data
/// pages v1 (levels inside the compressed body, 4-byte length prefix) and v2 (levels uncompressed before the values)
/// — decompressing each page and decoding definition levels and values into a <see cref="ColumnData"/>.
/// </summary>
internal static class ColumnChunkReader
{
    /// <summary>Largest page body accepted (a guard against corrupt sizes).</summary>
    private const int MaxPageBytes = 1 << 30;

    /// <summary>Reads the chunk's bytes (<paramref name="length"/> of them) into a pooled array the caller returns to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static byte[] ReadBytes(Stream stream, ColumnMetaData meta, out int length)
    {
        long start = FooterReader.ChunkStart(meta);
        length = checked((int)meta.TotalCompressedSize);
        var chunk = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            stream.Position = start;
            stream.ReadExactly(chunk, 0, length);
            return chunk;
        }
        catch { ArrayPool<byte>.Shared.Return(chunk); throw; }
    }

    /// <summary>Decodes a chunk's bytes (from <see cref="ReadBytes"/>) page by page into the values of <paramref name="rows"/> rows.</summary>
    public static ColumnData Decode(byte[] chunk, int length, ColumnMetaData meta, ParquetColumn column, int rows, string file)
    {
        var data = new ColumnData(column, rows);
        int done = 0, pos = 0;
        Array? dictionary = null;
        while (done < rows)
        {
            if (pos >= length) throw new InvalidDataException($"the chunk ends after {done} of {rows} values");
            var reader = new CompactReader(chunk, pos, length, file);
            var header = PageHeader.Read(reader);
            pos = reader.Position;
            if (header.CompressedPageSize > length - pos) throw new InvalidDataException($"a page of {header.CompressedPageSize} bytes runs past the end of the chunk");
            var body = chunk.AsSpan(pos, header.CompressedPageSize);
            pos += header.CompressedPageSize;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    var dh = header.DictionaryPage ?? throw new InvalidDataException("dictionary page without its header");
                    if (dh.Encoding is not (PageEncoding.Plain or PageEncoding.PlainDictionary)) throw new NotSupportedException($"dictionary page encoding {dh.Encoding}");
                    dictionary = WithPage(meta.Codec, header, body, header.UncompressedPageSize, p => PageValueDecoder.DictionaryPage(column.Storage, p, dh.NumValues));
                    break;
                case PageType.DataPage:
                    done += DataPageV1(meta.Codec, header, body, column, data, done, rows - done, dictionary);
                    break;
                case PageType.DataPageV2:
                    done += DataPageV2(meta.Codec, header, body, column, data, done, rows - done, dictionary);
                    break;
                default: break;   // index pages and unknown pages are skipped
            }
        }
        return data;
    }

    private delegate T PageFunc<T>(ReadOnlySpan<byte> page);

    /// <summary>Decompresses a page body (or uses it as is) and hands it to <paramref name="use"/>.</summary>
    private static T WithPage<T>(ThriftCodec codec, PageHeader header, ReadOnlySpan<byte> body, int uncompressed, PageFunc<T> use)
    {
        if (codec == ThriftCodec.Uncompressed) return use(body[..Math.Min(body.Length, Math.Max(uncompressed, 0))]);
        CheckSize(codec, uncompressed, body.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(uncompressed, 1));
        try
        {
            PageDecompressor.Decompress(codec, body, buffer.AsSpan(0, uncompressed));
            return use(buffer.AsSpan(0, uncompressed));
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static void CheckSize(ThriftCodec codec, int uncompressed, int compressed)
    {
        long ratio = codec switch { ThriftCodec.Snappy => 64, ThriftCodec.Gzip => 1100, _ => 1 << 16 };
        if (uncompressed < 0 || uncompressed > MaxPageBytes || uncompressed > (long)compressed * ratio + 4096)
            throw new InvalidDataException($"page claims {uncompressed} bytes uncompressed from {compressed} compressed");
    }

    private static int DataPageV1(ThriftCodec codec, PageHeader header, ReadOnlySpan<byte> body, ParquetColumn column, ColumnData data,
        int offset, int remaining, Array? dictionary)
    {
        var h = header.DataPage ?? throw new InvalidDataException("data page without its header");
        int n = h.NumValues;
        if (n > remaining) throw new InvalidDataException($"a data page holds {n} values, only {remaining} rows remain");
        return WithPage(codec, header, body, header.UncompressedPageSize, page =>
        {
            int pos = 0;
            int[]? levels = null;
            try
            {
                int nonNull = n;
                if (!column.Required)
                {
                    if (h.DefinitionLevelEncoding != PageEncoding.Rle) throw new NotSupportedException($"definition level encoding {h.DefinitionLevelEncoding}");
                    if (page.Length < 4) throw new InvalidDataException("definition levels have no length prefix");
                    int len = BinaryPrimitives.ReadInt32LittleEndian(page);
                    if (len < 0 || len > page.Length - 4) throw new InvalidDataException("definition levels run past the end of the page");
                    levels = ArrayPool<int>.Shared.Rent(Math.Max(n, 1));
                    RleHybridDecoder.Decode(page.Slice(4, len), 1, levels.AsSpan(0, n));
                    nonNull = CountDefined(levels.AsSpan(0, n));
                    pos = 4 + len;
                }
                PageValueDecoder.Decode(h.Encoding, column.Storage, page[pos..], data, offset, nonNull, dictionary);
                if (levels is not null) Scatter(data, levels.AsSpan(0, n), offset, nonNull);
                return n;
            }
            finally { if (levels is not null) ArrayPool<int>.Shared.Return(levels); }
        });
    }

    private static int DataPageV2(ThriftCodec codec, PageHeader header, ReadOnlySpan<byte> body, ParquetColumn column, ColumnData data,
        int offset, int remaining, Array? dictionary)
    {
        var h = header.DataPageV2 ?? throw new InvalidDataException("data page v2 without its header");
        int n = h.NumValues;
        if (n > remaining) throw new InvalidDataException($"a data page holds {n} values, only {remaining} rows remain");
        long levelBytes = (long)h.RepetitionLevelsByteLength + h.DefinitionLevelsByteLength;
        if (levelBytes > body.Length || levelBytes > header.UncompressedPageSize) throw new InvalidDataException("page v2 levels run past the end of the page");
        var defs = body.Slice(h.RepetitionLevelsByteLength, h.DefinitionLevelsByteLength);
        int[]? levels = null;
        try
        {
            int nonNull = n;
            if (!column.Required)
            {
                levels = ArrayPool<int>.Shared.Rent(Math.Max(n, 1));
                RleHybridDecoder.Decode(defs, 1, levels.AsSpan(0, n));
                nonNull = CountDefined(levels.AsSpan(0, n));
                if (nonNull != n - h.NumNulls) throw new InvalidDataException($"page v2 says {h.NumNulls} nulls, its levels {n - nonNull}");
            }
            else if (h.NumNulls != 0) throw new InvalidDataException("nulls in a REQUIRED column");
            var values = body[(int)levelBytes..];
            int valuesSize = header.UncompressedPageSize - (int)levelBytes;
            var actualCodec = h.IsCompressed ? codec : ThriftCodec.Uncompressed;
            if (actualCodec == ThriftCodec.Uncompressed && values.Length != valuesSize) throw new InvalidDataException("page v2 size mismatch");
            WithPage(actualCodec, header, values, valuesSize, page =>
            {
                PageValueDecoder.Decode(h.Encoding, column.Storage, page, data, offset, nonNull, dictionary);
                return 0;
            });
            if (levels is not null) Scatter(data, levels.AsSpan(0, n), offset, nonNull);
            return n;
        }
        finally { if (levels is not null) ArrayPool<int>.Shared.Return(levels); }
    }

    private static int CountDefined(ReadOnlySpan<int> levels)
    {
        int count = 0;
        foreach (int l in levels) count += l;
        return count;
    }

    /// <summary>Moves the densely decoded values to their rows (backwards, in place) and marks the null rows.</summary>
    private static void Scatter(ColumnData data, ReadOnlySpan<int> levels, int offset, int nonNull)
    {
        if (nonNull == levels.Length) return;
        var nulls = data.MarkNulls(offset, levels.Length - nonNull);
        switch (data.Column.Storage)
        {
            case ParquetType.Int32: Scatter(data.Values<int>(), nulls, levels, offset, nonNull); break;
            case ParquetType.Int64: Scatter(data.Values<long>(), nulls, levels, offset, nonNull); break;
            case ParquetType.Float: Scatter(data.Values<float>(), nulls, levels, offset, nonNull); break;
            case ParquetType.Double: Scatter(data.Values<double>(), nulls, levels, offset, nonNull); break;
            case ParquetType.Boolean: Scatter(data.Values<bool>(), nulls, levels, offset, nonNull); break;
            case ParquetType.String: Scatter(data.Values<string>(), nulls, levels, offset, nonNull); break;
        }
    }

    /// <summary>
    /// Backwards and without a data-dependent branch for the move: k counts the defined rows before row i, so the
    /// value of a defined row i sits at offset + k, never above offset + i (a slot already moved or its own).
    /// </summary>
    private static void Scatter<T>(T[] values, bool[] nulls, ReadOnlySpan<int> levels, int offset, int nonNull)
    {
        var dst = values.AsSpan(offset, levels.Length);
        var isNull = nulls.AsSpan(offset, levels.Length);
        int k = nonNull;
        for (int i = levels.Length - 1; i >= 0; i--)
        {
            int defined = levels[i];
            k -= defined;
            T v = dst[k];
            dst[i] = defined != 0 ? v : default!;
            isNull[i] = defined == 0;
        }
    }
}
