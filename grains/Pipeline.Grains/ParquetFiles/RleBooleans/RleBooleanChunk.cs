using System.Buffers;
using System.Buffers.Binary;
using ColumnMetaData = Parquet.Meta.ColumnMetaData;
using CompressionCodec = Parquet.Meta.CompressionCodec;
using Encoding = Parquet.Meta.Encoding;

namespace Pipeline.Grains.ParquetFiles.RleBooleans;

/// <summary>
/// Reads a flat BOOLEAN column chunk whose data pages are RLE-encoded — the one case Parquet.Net 6.1.0 gets wrong — and
/// returns what <c>ParquetRowGroupReader.ReadRawAsync</c> would: the non-null values packed, and one definition level
/// per row. Delete this folder when Parquet.Net reads such chunks itself.
/// <para>
/// <b>The upstream bug</b> (Parquet.Net 6.1.0, <c>DataColumnReader.ReadColumn</c>, <c>case Encoding.RLE</c> for bool):
/// it decodes the values with bit width <c>SchemaElement.TypeLength ?? 0</c>, which is 0 for BOOLEAN (the spec's width
/// is 1), and passes the whole span as the run data, so the 4-byte length that the spec puts before RLE booleans in
/// data pages v1 and v2 is parsed as run headers. The result is all-false values or a division by zero. Parquet.Net
/// never writes RLE booleans; arrow-rs (parquet-wasm, pyarrow with data page v2, DuckDB readers' peers) does in every
/// v2 data page.
/// </para>
/// <para>
/// Pages are read as the spec lays them out (Encodings.md; parquet.thrift): v1 pages are compressed whole and carry
/// length-prefixed definition levels; v2 pages keep their levels uncompressed and unprefixed before the values section,
/// which is compressed only when <c>is_compressed</c>. Values are RLE (bit width 1, length-prefixed) or, in a chunk that
/// mixes encodings, PLAIN (bit-packed). Dictionary pages are not used for booleans and are refused.
/// </para>
/// </summary>
public static class RleBooleanChunk
{
    /// <summary>Whether a chunk's data pages may be RLE-encoded: the page encoding stats say so, or (without them) the chunk lists RLE but not PLAIN (a PLAIN boolean chunk always lists PLAIN; RLE alone then covers both levels and values).</summary>
    public static bool Applies(ColumnMetaData chunk)
    {
        if (chunk.EncodingStats is { Count: > 0 } stats)
        {
            foreach (var s in stats)
                if (s.PageType is Parquet.Meta.PageType.DATA_PAGE or Parquet.Meta.PageType.DATA_PAGE_V2 && s.Encoding == Encoding.RLE) return true;
            return false;
        }
        return chunk.Encodings.Contains(Encoding.RLE) && !chunk.Encodings.Contains(Encoding.PLAIN);
    }

    /// <summary>
    /// Reads the chunk's <paramref name="levels"/>.Length values from <paramref name="file"/> (positioned anywhere):
    /// non-null values into <paramref name="values"/> from 0, definition levels into <paramref name="levels"/> (when
    /// <paramref name="maxDefinitionLevel"/> is above 0). A page that does not add up is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static void Read(Stream file, ColumnMetaData chunk, int maxDefinitionLevel, Span<bool> values, Span<int> levels)
    {
        long offset = chunk.DictionaryPageOffset is long d and > 0 && d < chunk.DataPageOffset ? d : chunk.DataPageOffset;
        int rows = levels.Length, levelsRead = 0, valuesRead = 0, levelWidth = BitWidth(maxDefinitionLevel);
        while (levelsRead < rows)
        {
            file.Position = offset;
            var page = ThriftPageHeader.Read(file);
            offset = file.Position + page.CompressedSize;
            if (page.Type == ThriftPageHeader.DictionaryPage) throw new InvalidDataException("a BOOLEAN column chunk has a dictionary page");
            if (page.Type is not (ThriftPageHeader.DataPage or ThriftPageHeader.DataPageV2)) continue;   // index pages
            if (page.NumValues > rows - levelsRead) throw new InvalidDataException($"a page holds {page.NumValues} values, more than the chunk's remaining {rows - levelsRead}");

            var raw = ArrayPool<byte>.Shared.Rent(page.CompressedSize);
            var plain = ArrayPool<byte>.Shared.Rent(page.UncompressedSize);
            var ints = ArrayPool<int>.Shared.Rent(page.NumValues);
            try
            {
                file.ReadExactly(raw, 0, page.CompressedSize);
                var pageLevels = maxDefinitionLevel > 0 ? levels.Slice(levelsRead, page.NumValues) : default;
                ReadOnlySpan<byte> data = page.Type == ThriftPageHeader.DataPage
                    ? V1Levels(Decompressed(chunk.Codec, raw.AsSpan(0, page.CompressedSize), plain.AsSpan(0, page.UncompressedSize)), levelWidth, pageLevels)
                    : V2Values(chunk.Codec, page, raw.AsSpan(0, page.CompressedSize), plain, levelWidth, pageLevels);
                int present = maxDefinitionLevel > 0 ? pageLevels.Count(maxDefinitionLevel) : page.NumValues;
                if (present > values.Length - valuesRead) throw new InvalidDataException("a page holds more values than the chunk");
                Values(data, page.Encoding, values.Slice(valuesRead, present), ints.AsSpan(0, present));
                valuesRead += present;
                levelsRead += page.NumValues;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(raw);
                ArrayPool<byte>.Shared.Return(plain);
                ArrayPool<int>.Shared.Return(ints);
            }
        }
    }

    private static ReadOnlySpan<byte> Decompressed(CompressionCodec codec, ReadOnlySpan<byte> raw, Span<byte> target)
    {
        PageCodec.Decompress(codec, raw, target);
        return target;
    }

    /// <summary>A v1 page (decompressed): the length-prefixed definition levels, then the values section.</summary>
    private static ReadOnlySpan<byte> V1Levels(ReadOnlySpan<byte> page, int width, Span<int> levels)
    {
        if (levels.IsEmpty) return page;
        int used = RleHybrid.DecodeWithLength(page, width, levels, out int decoded);
        if (decoded != levels.Length) throw new InvalidDataException($"a page has {decoded} definition levels, its header says {levels.Length}");
        return page[used..];
    }

    /// <summary>A v2 page: repetition and definition levels stored uncompressed without a length prefix, then the values section (compressed unless <c>is_compressed</c> is false).</summary>
    private static ReadOnlySpan<byte> V2Values(CompressionCodec codec, ThriftPageHeader page, ReadOnlySpan<byte> raw, byte[] plain, int width, Span<int> levels)
    {
        int levelBytes = page.RepetitionLevelsLength + page.DefinitionLevelsLength;
        if (!levels.IsEmpty)
        {
            int decoded = RleHybrid.Decode(raw.Slice(page.RepetitionLevelsLength, page.DefinitionLevelsLength), width, levels);
            if (decoded != levels.Length) throw new InvalidDataException($"a page has {decoded} definition levels, its header says {levels.Length}");
        }
        var values = raw[levelBytes..];
        if (!page.IsCompressed || codec == CompressionCodec.UNCOMPRESSED) return values;
        return Decompressed(codec, values, plain.AsSpan(0, page.UncompressedSize - levelBytes));
    }

    private static void Values(ReadOnlySpan<byte> data, int encoding, Span<bool> values, Span<int> ints)
    {
        if (encoding == (int)Encoding.RLE)
        {
            RleHybrid.DecodeWithLength(data, 1, ints, out int decoded);
            if (decoded != values.Length) throw new InvalidDataException($"a page has {decoded} boolean values, its levels say {values.Length}");
            for (int i = 0; i < values.Length; i++) values[i] = ints[i] != 0;
        }
        else if (encoding == (int)Encoding.PLAIN)
        {
            if (data.Length * 8L < values.Length) throw new InvalidDataException("a PLAIN boolean page is shorter than its values");
            for (int i = 0; i < values.Length; i++) values[i] = ((data[i >> 3] >> (i & 7)) & 1) != 0;
        }
        else throw new InvalidDataException($"encoding {(Encoding)encoding} is not a boolean encoding");
    }

    private static int BitWidth(int max) => max == 0 ? 0 : 32 - int.LeadingZeroCount(max);
}
