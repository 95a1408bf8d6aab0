namespace Pipeline.Parquet;

/// <summary>Options of <see cref="ParquetFileWriter"/>: codec, row-group and page sizes, dictionary, statistics, metadata.</summary>
public sealed class ParquetWriterOptions
{
    /// <summary>Compression codec of every page.</summary>
    public ParquetCodec Codec { get; init; } = ParquetCodec.Snappy;
    /// <summary>A row group is written when it holds this many rows …</summary>
    public int RowGroupMaxRows { get; init; } = 1_000_000;
    /// <summary>… or about this many bytes of encoded pages, whichever comes first (bounds memory; checked every <see cref="ParquetFileWriter.BatchRows"/> rows or sooner, so a group may pass it by up to one batch).</summary>
    public long RowGroupMaxBytes { get; init; } = 128L << 20;
    /// <summary>
    /// Data page format: 1 (DATA_PAGE, the default: every reader accepts it) or 2 (DATA_PAGE_V2: definition levels
    /// stored uncompressed before the values, only the values compressed, null and row counts in the header).
    /// </summary>
    public int DataPageVersion { get; init; } = 1;
    /// <summary>A data page is cut when its encoded values reach this many bytes.</summary>
    public int PageMaxBytes { get; init; } = 1 << 20;
    /// <summary>Strings are dictionary-encoded (dictionary page + RLE_DICTIONARY data pages) until the dictionary exceeds <see cref="DictionaryMaxBytes"/>; then PLAIN.</summary>
    public bool UseDictionary { get; init; } = true;
    /// <summary>INT32/INT64 columns (ids, counts, dates, decimals) are dictionary-encoded too when <see cref="UseDictionary"/>, falling back to PLAIN like strings.</summary>
    public bool DictionaryForIntegers { get; init; } = true;
    /// <summary>Largest PLAIN size of a column chunk's dictionary before falling back to PLAIN pages.</summary>
    public int DictionaryMaxBytes { get; init; } = 1 << 20;
    /// <summary>Min/max/null-count statistics per column chunk, so engines can skip row groups.</summary>
    public bool WriteStatistics { get; init; } = true;
    /// <summary>Key/value pairs stored in the footer (written in ordinal key order).</summary>
    public IReadOnlyDictionary<string, string>? KeyValueMetadata { get; init; }
    /// <summary>
    /// Columns encoded at once (statistics, dictionaries, pages, compression run per column on the thread pool);
    /// 1 encodes on the writing thread only. The file's bytes are the same whatever the value.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>The footer's created_by.</summary>
    public string CreatedBy { get; init; } = "pipeline-parquet version 0.1.0";
}
