using Pipeline.Parquet.Metadata;
using Pipeline.Parquet.Reading;
using Pipeline.Parquet.Schema;

namespace Pipeline.Parquet;

/// <summary>
/// Reads a Parquet file with a flat schema, one column chunk at a time (<see cref="ReadColumn(int, int)"/>) or a row
/// group's columns decoded in parallel (<see cref="ReadRowGroup"/>); projection by
/// reading only the columns needed, row-group skipping by statistics with <see cref="RowGroupsMayContain"/>). Supports data pages
/// v1 and v2; PLAIN, dictionary, RLE, DELTA_* and BYTE_STREAM_SPLIT encodings; UNCOMPRESSED, SNAPPY, GZIP and ZSTD.
/// Any truncated, corrupt, non-Parquet or unsupported input raises <see cref="ParquetFormatException"/> naming the file.
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _name;
    private readonly FileMetaData _meta;

    /// <summary>Opens the file at <paramref name="path"/>.</summary>
    public static ParquetFileReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        try { return new ParquetFileReader(stream, path); }
        catch { stream.Dispose(); throw; }
    }

    /// <summary>Reads the footer of a Parquet file on a seekable stream; <paramref name="displayName"/> names it in errors.</summary>
    public ParquetFileReader(Stream seekableStream, string displayName, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(seekableStream);
        if (!seekableStream.CanSeek || !seekableStream.CanRead) throw new ArgumentException("The stream must be readable and seekable.", nameof(seekableStream));
        _stream = seekableStream;
        _leaveOpen = leaveOpen;
        _name = displayName;
        try
        {
            _meta = FooterReader.Read(seekableStream, displayName, out _);
            Schema = SchemaElements.FromElements(_meta.Schema, displayName);
        }
        catch (Exception e) when (IsCorruption(e)) { throw Wrap(e, "footer"); }
        var kv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in _meta.KeyValueMetadata) kv[key] = value ?? "";
        KeyValueMetadata = kv;
    }

    /// <summary>The file's flat schema.</summary>
    public ParquetSchema Schema { get; }
    /// <summary>Total rows in the file.</summary>
    public long RowCount => _meta.NumRows;
    /// <summary>Number of row groups.</summary>
    public int RowGroupCount => _meta.RowGroups.Count;
    /// <summary>The footer's key/value metadata.</summary>
    public IReadOnlyDictionary<string, string> KeyValueMetadata { get; }
    /// <summary>The footer's created_by, if any.</summary>
    public string? CreatedBy => _meta.CreatedBy;

    /// <summary>Rows of one row group.</summary>
    public long RowGroupRows(int rowGroup) => _meta.RowGroups[CheckGroup(rowGroup)].NumRows;

    /// <summary>Index of the column named <paramref name="name"/>; an <see cref="ArgumentException"/> naming the file's columns if there is none.</summary>
    public int ColumnIndex(string name)
    {
        int i = Schema.IndexOf(name);
        if (i < 0) throw new ArgumentException($"{_name} has no column '{name}' (columns: {string.Join(", ", Schema.Columns.Select(c => c.Name))}).", nameof(name));
        return i;
    }

    /// <summary>Reads one column chunk by column name (projection: only that column's bytes are read).</summary>
    public ColumnData ReadColumn(int rowGroup, string column) => ReadColumn(rowGroup, ColumnIndex(column));

    /// <summary>The footer statistics of one column chunk, or null if the writer stored none.</summary>
    public ColumnChunkStatistics? GetStatistics(int rowGroup, int column)
    {
        var group = _meta.RowGroups[CheckGroup(rowGroup)];
        CheckColumn(column);
        return ColumnChunkStatistics.From(group.Columns[column].MetaData!.Statistics, Schema.Columns[column]);
    }

    /// <summary>
    /// Row-group skipping: the row groups whose statistics for <paramref name="column"/> allow a value in
    /// [<paramref name="lowest"/>, <paramref name="highest"/>] (null = unbounded), in file order. Row groups without
    /// statistics are always kept; the caller still filters the rows it reads.
    /// </summary>
    public IReadOnlyList<int> RowGroupsMayContain(string column, object? lowest, object? highest)
    {
        int c = ColumnIndex(column);
        var keep = new List<int>();
        for (int g = 0; g < _meta.RowGroups.Count; g++)
            if (GetStatistics(g, c) is not { } s || s.MayContain(lowest, highest)) keep.Add(g);
        return keep;
    }

    /// <summary>Reads and decodes one column chunk.</summary>
    public ColumnData ReadColumn(int rowGroup, int column)
    {
        var group = _meta.RowGroups[CheckGroup(rowGroup)];
        CheckColumn(column);
        return ReadChunk(group, rowGroup, column);
    }

    /// <summary>
    /// Reads and decodes the column chunks of one row group — every column, or those in <paramref name="columns"/> (in
    /// that order) — decoding up to <paramref name="maxDegreeOfParallelism"/> columns at once (default: one per core).
    /// The file is read one chunk at a time; decompression and decoding run in parallel. Same values as
    /// <see cref="ReadColumn(int, int)"/> column by column.
    /// </summary>
    public ColumnData[] ReadRowGroup(int rowGroup, IReadOnlyList<int>? columns = null, int maxDegreeOfParallelism = 0)
    {
        var group = _meta.RowGroups[CheckGroup(rowGroup)];
        int n = columns?.Count ?? Schema.Columns.Count;
        for (int i = 0; i < n; i++) CheckColumn(columns?[i] ?? i);
        var result = new ColumnData[n];
        ParallelColumns.For(n, maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount,
            i => result[i] = ReadChunk(group, rowGroup, columns?[i] ?? i));
        return result;
    }

    private void CheckColumn(int column)
    {
        if ((uint)column >= (uint)Schema.Columns.Count)
            throw new ArgumentOutOfRangeException(nameof(column), $"Column index {column} is outside the schema's {Schema.Columns.Count} columns.");
    }

    /// <summary>Reads a chunk's bytes (one reader of the stream at a time), then decodes them on the calling thread.</summary>
    private ColumnData ReadChunk(RowGroup group, int rowGroup, int column)
    {
        var col = Schema.Columns[column];
        var meta = group.Columns[column].MetaData!;
        byte[]? chunk = null;
        try
        {
            if (meta.Type != SchemaElements.Physical(col.Storage))
                throw new InvalidDataException($"the chunk's type {meta.Type} differs from the schema's");
            int length;
            lock (_stream) chunk = ColumnChunkReader.ReadBytes(_stream, meta, out length);
            return ColumnChunkReader.Decode(chunk, length, meta, col, (int)group.NumRows, _name);
        }
        catch (Exception e) when (IsCorruption(e)) { throw Wrap(e, $"column '{col.Name}' of row group {rowGroup}"); }
        finally { if (chunk is not null) System.Buffers.ArrayPool<byte>.Shared.Return(chunk); }
    }

    private int CheckGroup(int rowGroup)
    {
        if ((uint)rowGroup >= (uint)_meta.RowGroups.Count)
            throw new ArgumentOutOfRangeException(nameof(rowGroup), $"Row group {rowGroup} is outside the file's {_meta.RowGroups.Count} row groups.");
        return rowGroup;
    }

    private static bool IsCorruption(Exception e) =>
        e is InvalidDataException or NotSupportedException or EndOfStreamException or OverflowException or IndexOutOfRangeException
            or ArgumentException or InvalidCastException;

    private ParquetFormatException Wrap(Exception e, string where) => e as ParquetFormatException
        ?? new ParquetFormatException($"{_name}: {(e is NotSupportedException ? "unsupported" : "corrupt")} Parquet data in {where}: {e.Message}", e);

    /// <summary>Closes the stream unless leaveOpen.</summary>
    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
