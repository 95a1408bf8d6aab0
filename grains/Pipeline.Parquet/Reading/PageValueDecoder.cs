using System.Buffers;
using System.Buffers.Binary;
using Pipeline.Parquet.Encodings;
using Pipeline.Parquet.Metadata;

namespace Pipeline.Parquet.Reading;

/// <summary>
/// Decodes the non-null values of one data page into <c>values[offset..offset+count)</c> of the column's typed array,
/// for every value encoding this reader supports: PLAIN, PLAIN_DICTIONARY/RLE_DICTIONARY, RLE (booleans),
/// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT.
/// </summary>
internal static class PageValueDecoder
{
    public static void Decode(PageEncoding encoding, ParquetType type, ReadOnlySpan<byte> src, ColumnData data, int offset, int count, Array? dictionary)
    {
        switch (encoding)
        {
            case PageEncoding.Plain: Plain(type, src, data, offset, count); return;
            case PageEncoding.PlainDictionary or PageEncoding.RleDictionary: Dictionary(type, src, data, offset, count, dictionary); return;
            case PageEncoding.Rle when type == ParquetType.Boolean: RleBooleans(src, data.Values<bool>().AsSpan(offset, count)); return;
            case PageEncoding.DeltaBinaryPacked when type is ParquetType.Int32 or ParquetType.Int64: Delta(type, src, data, offset, count); return;
            case PageEncoding.DeltaLengthByteArray when type == ParquetType.String:
                DeltaByteArrayDecoder.DecodeLengthPrefixed(src, data.Values<string>().AsSpan(offset, count)); return;
            case PageEncoding.DeltaByteArray when type == ParquetType.String:
                DeltaByteArrayDecoder.DecodeIncremental(src, data.Values<string>().AsSpan(offset, count)); return;
            case PageEncoding.ByteStreamSplit: ByteStreamSplit(type, src, data, offset, count); return;
            default: throw new NotSupportedException($"value encoding {encoding} is not supported for {type} columns");
        }
    }

    /// <summary>Decodes a PLAIN dictionary page into an array of the column's type.</summary>
    public static Array DictionaryPage(ParquetType type, ReadOnlySpan<byte> src, int count)
    {
        if (count > src.Length) throw new InvalidDataException($"dictionary of {count} entries in {src.Length} bytes");
        var data = new ColumnData(new ParquetColumn("dictionary", type, true), count);
        Plain(type, src, data, 0, count);
        return type switch
        {
            ParquetType.Int32 => data.Values<int>(), ParquetType.Int64 => data.Values<long>(), ParquetType.Float => data.Values<float>(),
            ParquetType.Double => data.Values<double>(), ParquetType.Boolean => data.Values<bool>(), _ => data.Values<string>(),
        };
    }

    private static void Plain(ParquetType type, ReadOnlySpan<byte> src, ColumnData data, int offset, int count)
    {
        switch (type)
        {
            case ParquetType.Int32: PlainDecoder.Fixed(src, data.Values<int>().AsSpan(offset, count)); break;
            case ParquetType.Int64: PlainDecoder.Fixed(src, data.Values<long>().AsSpan(offset, count)); break;
            case ParquetType.Float: PlainDecoder.Fixed(src, data.Values<float>().AsSpan(offset, count)); break;
            case ParquetType.Double: PlainDecoder.Fixed(src, data.Values<double>().AsSpan(offset, count)); break;
            case ParquetType.Boolean: PlainDecoder.Booleans(src, data.Values<bool>().AsSpan(offset, count)); break;
            case ParquetType.String: PlainDecoder.Strings(src, data.Values<string>().AsSpan(offset, count)); break;
        }
    }

    private static void Dictionary(ParquetType type, ReadOnlySpan<byte> src, ColumnData data, int offset, int count, Array? dictionary)
    {
        if (dictionary is null) throw new InvalidDataException("dictionary-encoded page without a dictionary page");
        if (count == 0) return;
        if (src.Length < 1) throw new InvalidDataException("dictionary-encoded page has no bit width");
        int width = src[0];
        var indices = ArrayPool<int>.Shared.Rent(count);
        try
        {
            RleHybridDecoder.Decode(src[1..], width, indices.AsSpan(0, count));
            switch (type)
            {
                case ParquetType.Int32: Lookup((int[])dictionary, indices, data.Values<int>().AsSpan(offset, count)); break;
                case ParquetType.Int64: Lookup((long[])dictionary, indices, data.Values<long>().AsSpan(offset, count)); break;
                case ParquetType.Float: Lookup((float[])dictionary, indices, data.Values<float>().AsSpan(offset, count)); break;
                case ParquetType.Double: Lookup((double[])dictionary, indices, data.Values<double>().AsSpan(offset, count)); break;
                case ParquetType.Boolean: Lookup((bool[])dictionary, indices, data.Values<bool>().AsSpan(offset, count)); break;
                case ParquetType.String: Lookup((string[])dictionary, indices, data.Values<string>().AsSpan(offset, count)); break;
            }
        }
        finally { ArrayPool<int>.Shared.Return(indices); }
    }

    private static void Lookup<T>(T[] dictionary, int[] indices, Span<T> dst)
    {
        for (int i = 0; i < dst.Length; i++)
        {
            uint index = (uint)indices[i];
            if (index >= (uint)dictionary.Length) throw new InvalidDataException($"dictionary index {index} outside the {dictionary.Length}-entry dictionary");
            dst[i] = dictionary[index];
        }
    }

    private static void RleBooleans(ReadOnlySpan<byte> src, Span<bool> dst)
    {
        if (src.Length < 4) throw new InvalidDataException("RLE booleans have no length prefix");
        int length = BinaryPrimitives.ReadInt32LittleEndian(src);
        if (length < 0 || length > src.Length - 4) throw new InvalidDataException("RLE booleans run past the end of the page");
        var bits = ArrayPool<int>.Shared.Rent(Math.Max(dst.Length, 1));
        try
        {
            RleHybridDecoder.Decode(src.Slice(4, length), 1, bits.AsSpan(0, dst.Length));
            for (int i = 0; i < dst.Length; i++) dst[i] = bits[i] != 0;
        }
        finally { ArrayPool<int>.Shared.Return(bits); }
    }

    private static void Delta(ParquetType type, ReadOnlySpan<byte> src, ColumnData data, int offset, int count)
    {
        if (type == ParquetType.Int64) { int p = 0; DeltaBinaryPackedDecoder.Decode(src, ref p, data.Values<long>().AsSpan(offset, count)); return; }
        var tmp = ArrayPool<long>.Shared.Rent(Math.Max(count, 1));
        try
        {
            int pos = 0;
            DeltaBinaryPackedDecoder.Decode(src, ref pos, tmp.AsSpan(0, count));
            var dst = data.Values<int>().AsSpan(offset, count);
            for (int i = 0; i < count; i++) dst[i] = unchecked((int)tmp[i]);
        }
        finally { ArrayPool<long>.Shared.Return(tmp); }
    }

    private static void ByteStreamSplit(ParquetType type, ReadOnlySpan<byte> src, ColumnData data, int offset, int count)
    {
        switch (type)
        {
            case ParquetType.Int32: ByteStreamSplitDecoder.Decode(src, data.Values<int>().AsSpan(offset, count)); break;
            case ParquetType.Int64: ByteStreamSplitDecoder.Decode(src, data.Values<long>().AsSpan(offset, count)); break;
            case ParquetType.Float: ByteStreamSplitDecoder.Decode(src, data.Values<float>().AsSpan(offset, count)); break;
            case ParquetType.Double: ByteStreamSplitDecoder.Decode(src, data.Values<double>().AsSpan(offset, count)); break;
            default: throw new NotSupportedException($"BYTE_STREAM_SPLIT is not supported for {type} columns");
        }
    }
}
