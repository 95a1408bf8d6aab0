using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Pipeline.Parquet.Compression;
using Pipeline.Parquet.Encodings;
using Pipeline.Parquet.Metadata;
using Pipeline.Parquet.Schema;
using Pipeline.Parquet.Thrift;

namespace Pipeline.Parquet.Writing;

/// <summary>
/// Encodes one column of the row group being filled. Values go straight into the current page (PLAIN bytes, packed
/// booleans, or dictionary indices); a full page is encoded at once (RLE definition levels for an OPTIONAL column,
/// then the values; v1: compressed together, v2: only the values compressed) and appended to the chunk's page buffer. When the row group is
/// flushed, <see cref="WriteChunk"/> writes the dictionary page (if used) and the data pages, and returns the chunk's
/// footer metadata.
/// </summary>
internal sealed class ColumnChunkWriter : IDisposable
{
    /// <summary>Most values (rows) in one data page, whatever their size.</summary>
    public const int MaxPageValues = 128 * 1024;

    private readonly ParquetColumn _column;
    private readonly ParquetWriterOptions _options;
    private readonly ColumnStatistics _stats;
    private readonly PooledBuffer _values = new(1 << 16);
    private readonly PooledBuffer _pages = new(1 << 16);
    private readonly IValueDictionary? _dictionary;
    private readonly StringDictionary? _strings;
    private readonly IntegerDictionary? _integers;
    private readonly int[] _levels;
    private readonly int[]? _indices;
    private int _pageRows, _pageValues, _boolBits;
    private bool _dictionaryMode, _usedDictionary, _usedPlain;
    private long _chunkValues, _uncompressed, _compressed;

    public ColumnChunkWriter(ParquetColumn column, ParquetWriterOptions options)
    {
        _column = column;
        _options = options;
        _stats = new ColumnStatistics(column.Storage);
        _levels = column.Required ? [] : ArrayPool<int>.Shared.Rent(MaxPageValues);
        if (options.UseDictionary && column.Storage == ParquetType.String) _dictionary = _strings = new StringDictionary();
        if (options.UseDictionary && options.DictionaryForIntegers && column.Storage is ParquetType.Int32 or ParquetType.Int64)
            _dictionary = _integers = new IntegerDictionary(column.Storage == ParquetType.Int32 ? 4 : 8);
        if (_dictionary is not null)
        {
            _indices = ArrayPool<int>.Shared.Rent(MaxPageValues);
            _dictionaryMode = true;
        }
    }

    public ParquetColumn Column => _column;

    /// <summary>Bytes held for this chunk so far (encoded pages + current page + dictionary), for the row-group size limit.</summary>
    public long BufferedBytes => _pages.Length + _values.Length + (_dictionary?.Plain.Length ?? 0) + _pageValues * (_dictionaryMode ? 2 : 0);

    public void AddInt32(int v)
    {
        _stats.Add(v);
        if (_dictionaryMode) { DictionaryValue(_integers!.IndexOf(v)); return; }
        BinaryPrimitives.WriteInt32LittleEndian(_values.GetSpan(4), v); _values.Advance(4); Value();
    }

    public void AddInt64(long v)
    {
        _stats.Add(v);
        if (_dictionaryMode) { DictionaryValue(_integers!.IndexOf(v)); return; }
        BinaryPrimitives.WriteInt64LittleEndian(_values.GetSpan(8), v); _values.Advance(8); Value();
    }

    /// <summary>Records a dictionary index; when the dictionary outgrows its limit the page is cut and the chunk continues PLAIN.</summary>
    private void DictionaryValue(int index)
    {
        _indices![_pageValues] = index;
        Value();
        if (_dictionary!.Plain.Length > _options.DictionaryMaxBytes)
        {
            if (_pageRows > 0) CutPage();
            _dictionaryMode = false;
        }
    }
    public void AddFloat(float v) { BinaryPrimitives.WriteSingleLittleEndian(_values.GetSpan(4), v); _values.Advance(4); _stats.Add(v); Value(); }
    public void AddDouble(double v) { BinaryPrimitives.WriteDoubleLittleEndian(_values.GetSpan(8), v); _values.Advance(8); _stats.Add(v); Value(); }

    public void AddBoolean(bool v)
    {
        if ((_boolBits & 7) == 0) _values.WriteByte(0);
        if (v) _values.Array[_values.Length - 1] |= (byte)(1 << (_boolBits & 7));
        _boolBits++;
        _stats.Add(v);
        Value();
    }

    public void AddString(string v)
    {
        if (_dictionaryMode)
        {
            int before = _strings!.Count;
            int index = _strings.IndexOf(v, out var added);
            if (_strings.Count > before) _stats.Add(added);
            DictionaryValue(index);
            return;
        }
        int max = Encoding.UTF8.GetMaxByteCount(v.Length);
        var span = _values.GetSpan(4 + max);
        int n = Encoding.UTF8.GetBytes(v, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, n);
        _stats.Add(span.Slice(4, n));
        _values.Advance(4 + n);
        Value();
    }

    /// <summary>Encodes the first <paramref name="rows"/> staged rows of this column, in row order (one thread per column at a time).</summary>
    public void AddStaged(StagedColumn staged, int rows)
    {
        var nulls = staged.Nulls;
        switch (staged.Storage)
        {
            case ParquetType.Int32:
                { var v = staged.Longs!; for (int i = 0; i < rows; i++) if (nulls is not null && nulls[i]) AddNull(); else AddInt32((int)v[i]); }
                break;
            case ParquetType.Int64:
                { var v = staged.Longs!; for (int i = 0; i < rows; i++) if (nulls is not null && nulls[i]) AddNull(); else AddInt64(v[i]); }
                break;
            case ParquetType.Float:
                { var v = staged.Doubles!; for (int i = 0; i < rows; i++) if (nulls is not null && nulls[i]) AddNull(); else AddFloat((float)v[i]); }
                break;
            case ParquetType.Double:
                { var v = staged.Doubles!; for (int i = 0; i < rows; i++) if (nulls is not null && nulls[i]) AddNull(); else AddDouble(v[i]); }
                break;
            case ParquetType.Boolean:
                { var v = staged.Booleans!; for (int i = 0; i < rows; i++) if (nulls is not null && nulls[i]) AddNull(); else AddBoolean(v[i]); }
                break;
            case ParquetType.String:
                { var v = staged.Strings!; for (int i = 0; i < rows; i++) if (v[i] is not { } text) AddNull(); else AddString(text); }
                break;
        }
        staged.Release(rows);
    }

    public void AddNull()
    {
        _stats.Null();
        _levels[_pageRows++] = 0;
        if (_pageRows >= MaxPageValues) CutPage();
    }

    private void Value()
    {
        if (!_column.Required) _levels[_pageRows] = 1;
        _pageRows++;
        _pageValues++;
        if (_pageRows >= MaxPageValues || _values.Length >= _options.PageMaxBytes) CutPage();
    }

    /// <summary>Encodes the current page (levels + values), compresses it and appends header + body to the chunk.</summary>
    private void CutPage()
    {
        if (_pageRows == 0) return;
        bool v1 = _options.DataPageVersion == 1;
        using var page = new PooledBuffer(_values.Length + _pageRows / 4 + 64);
        if (!_column.Required)
        {
            // v1: levels behind a 4-byte length, compressed with the values; v2: levels alone (length in the header).
            if (v1) page.Advance(4);
            RleHybridEncoder.Encode(_levels.AsSpan(0, _pageRows), 1, page);
            if (v1) BinaryPrimitives.WriteInt32LittleEndian(page.Array, page.Length - 4);
        }
        int levelBytes = page.Length;
        var encoding = PageEncoding.Plain;
        if (_dictionaryMode && _pageValues > 0)
        {
            encoding = PageEncoding.RleDictionary;
            int width = Math.Max(1, BitPacking.BitWidth((ulong)(_dictionary!.Count - 1)));
            page.WriteByte((byte)width);
            RleHybridEncoder.Encode(_indices.AsSpan(0, _pageValues), width, page);
            _usedDictionary = true;
        }
        else
        {
            // PLAIN values are already encoded in _values: copy them behind the levels only when a v1 page needs the
            // two contiguous (an OPTIONAL column); otherwise they are compressed from where they are.
            if (v1 && levelBytes > 0) page.Write(_values.WrittenSpan);
            _usedPlain = true;
        }
        var values = page.Length > levelBytes ? page.WrittenSpan[levelBytes..] : _values.WrittenSpan;
        if (v1)
            EmitPage(new PageHeader { Type = PageType.DataPage, DataPage = new DataPageHeader { NumValues = _pageRows, Encoding = encoding } },
                levelBytes > 0 ? page.WrittenSpan : values);
        else EmitPageV2(page.WrittenSpan[..levelBytes], values, encoding);
        _chunkValues += _pageRows;
        _pageRows = _pageValues = _boolBits = 0;
        _values.Clear();
    }

    /// <summary>Data page v2: the levels uncompressed (no length prefix; their size is in the header), then the compressed values.</summary>
    private void EmitPageV2(ReadOnlySpan<byte> levels, ReadOnlySpan<byte> values, PageEncoding encoding)
    {
        using var scratch = new PooledBuffer(values.Length + 64);
        var compressed = PageCompressor.Compress(_options.Codec, values, scratch);
        var header = new PageHeader
        {
            Type = PageType.DataPageV2,
            UncompressedPageSize = levels.Length + values.Length,
            CompressedPageSize = levels.Length + compressed.Length,
            DataPageV2 = new DataPageHeaderV2
            {
                NumValues = _pageRows, NumNulls = _pageRows - _pageValues, NumRows = _pageRows, Encoding = encoding,
                DefinitionLevelsByteLength = levels.Length, RepetitionLevelsByteLength = 0,
                IsCompressed = _options.Codec != ParquetCodec.Uncompressed,
            },
        };
        Append(header, levels, compressed, levels.Length + values.Length);
    }

    private void EmitPage(PageHeader header, ReadOnlySpan<byte> body, PooledBuffer? target = null)
    {
        using var scratch = new PooledBuffer(body.Length + 64);
        var compressed = PageCompressor.Compress(_options.Codec, body, scratch);
        header.UncompressedPageSize = body.Length;
        header.CompressedPageSize = compressed.Length;
        Append(header, [], compressed, body.Length, target);
    }

    /// <summary>Appends a page (header, then <paramref name="first"/> and <paramref name="second"/>) and counts its sizes.</summary>
    private void Append(PageHeader header, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, int uncompressedBody, PooledBuffer? target = null)
    {
        target ??= _pages;
        int start = target.Length;
        header.Write(new CompactWriter(target));
        int headerBytes = target.Length - start;
        target.Write(first);
        target.Write(second);
        _uncompressed += headerBytes + uncompressedBody;
        _compressed += headerBytes + first.Length + second.Length;
    }

    /// <summary>Writes the chunk (dictionary page first, then the data pages) at <paramref name="offset"/> of the file and resets for the next row group.</summary>
    public ColumnChunk WriteChunk(Stream output, long offset, out long written)
    {
        CutPage();
        long? dictionaryOffset = null;
        written = 0;
        var encodings = new List<PageEncoding>();
        if (_usedDictionary)
        {
            using var dictPage = new PooledBuffer(_dictionary!.Plain.Length + 64);
            EmitPage(new PageHeader
            {
                Type = PageType.DictionaryPage,
                DictionaryPage = new DictionaryPageHeader { NumValues = _dictionary.Count, Encoding = PageEncoding.Plain },
            }, _dictionary.Plain.WrittenSpan, dictPage);
            output.Write(dictPage.WrittenSpan);
            dictionaryOffset = offset;
            written = dictPage.Length;
            encodings.Add(PageEncoding.RleDictionary);
        }
        if (_usedPlain || !_usedDictionary) encodings.Add(PageEncoding.Plain);
        encodings.Add(PageEncoding.Rle);
        output.Write(_pages.WrittenSpan);
        var meta = new ColumnMetaData
        {
            Type = SchemaElements.Physical(_column.Storage),
            Encodings = encodings,
            PathInSchema = [_column.Name],
            Codec = PageCompressor.ToThrift(_options.Codec),
            NumValues = _chunkValues,
            TotalUncompressedSize = _uncompressed,
            TotalCompressedSize = _compressed,
            DataPageOffset = offset + written,
            DictionaryPageOffset = dictionaryOffset,
            Statistics = _options.WriteStatistics ? _stats.ToThrift() : null,
        };
        written += _pages.Length;
        Reset();
        return new ColumnChunk { FileOffset = offset, MetaData = meta };
    }

    private void Reset()
    {
        _pages.Clear();
        _values.Clear();
        _dictionary?.Clear();
        _stats.Reset();
        _dictionaryMode = _dictionary is not null;
        _usedDictionary = _usedPlain = false;
        _chunkValues = _uncompressed = _compressed = 0;
        _pageRows = _pageValues = _boolBits = 0;
    }

    public void Dispose()
    {
        _values.Dispose();
        _pages.Dispose();
        _dictionary?.Dispose();
        if (_levels.Length > 0) ArrayPool<int>.Shared.Return(_levels);
        if (_indices is not null) ArrayPool<int>.Shared.Return(_indices);
    }
}
