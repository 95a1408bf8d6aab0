using System.Buffers;
using System.Buffers.Binary;
using Pipeline.Parquet.Compression;
using Pipeline.Parquet.Writing;

namespace Pipeline.Parquet;

/// <summary>
/// Writes a Parquet file (Apache Parquet format, flat schema) to any writable stream, row by row: one Write… call per
/// column, then <see cref="EndRow"/>. Each row group is encoded (one v1 data page per column chunk: RLE definition
/// levels, PLAIN values, compressed with the codec) and written as soon as it is full, so memory is bounded by one
/// row group; <see cref="Dispose"/> writes the footer (FileMetaData, thrift compact) and the closing magic.
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly ParquetSchema _schema;
    private readonly ParquetWriterOptions _options;
    private readonly ColumnBuffer[] _columns;
    private readonly List<RowGroupInfo> _rowGroups = [];
    private long _position;
    private bool _disposed;

    public ParquetFileWriter(Stream output, ParquetSchema schema, ParquetWriterOptions? options = null, bool leaveOpen = false)
    {
        _output = output;
        _leaveOpen = leaveOpen;
        _schema = schema;
        _options = options ?? new ParquetWriterOptions();
        _columns = [.. schema.Columns.Select(c => new ColumnBuffer(c))];
        Write(Magic);
    }

    public long RowsWritten { get; private set; }

    public void WriteInt32(int column, int value) => _columns[column].Int32(value);
    public void WriteInt64(int column, long value) => _columns[column].Int64(value);
    public void WriteFloat(int column, float value) => _columns[column].Float(value);
    public void WriteDouble(int column, double value) => _columns[column].Double(value);
    public void WriteBoolean(int column, bool value) => _columns[column].Boolean(value);

    /// <summary>Writes a string; null writes a null (OPTIONAL columns only).</summary>
    public void WriteString(int column, string? value)
    {
        if (value is null) _columns[column].Null(); else _columns[column].String(value);
    }

    /// <summary>Writes a null; an <see cref="ArgumentException"/> naming the column if it is REQUIRED.</summary>
    public void WriteNull(int column) => _columns[column].Null();

    /// <summary>Ends the row (every column must have got exactly one value) and flushes a full row group.</summary>
    public void EndRow()
    {
        foreach (var c in _columns) c.EndRow();
        RowsWritten++;
        if (_columns[0].Rows >= _options.RowGroupMaxRows || _columns.Sum(c => c.EstimatedBytes) >= _options.RowGroupMaxBytes)
            FlushRowGroup();
    }

    private void FlushRowGroup()
    {
        int rows = _columns[0].Rows;
        if (rows == 0) return;
        long start = _position;
        var chunks = new List<ChunkInfo>(_columns.Length);
        var body = new ArrayBufferWriter<byte>(1 << 16);
        var header = new ArrayBufferWriter<byte>(64);
        foreach (var c in _columns)
        {
            body.ResetWrittenCount();
            if (!c.Column.Required) LevelEncoder.WriteDefinitionLevels(body, c.DefinitionLevels);
            if (c.Column.Type == ParquetType.Boolean) LevelEncoder.WriteBooleans(body, c.Booleans);
            else body.Write(c.Values.WrittenSpan);
            var compressed = PageCompressor.Compress(_options.Codec, body.WrittenMemory);
            header.ResetWrittenCount();
            FooterEncoder.DataPageHeader(header, body.WrittenCount, compressed.Length, rows);
            long offset = _position;
            Write(header.WrittenSpan);
            Write(compressed.Span);
            var (min, max) = c.MinMax();
            chunks.Add(new ChunkInfo(c.Column, offset, header.WrittenCount + body.WrittenCount, header.WrittenCount + compressed.Length,
                rows, c.NullCount, min, max));
            c.Reset();
        }
        _rowGroups.Add(new RowGroupInfo(chunks, rows, start));
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        FlushRowGroup();
        var footer = new ArrayBufferWriter<byte>(1 << 12);
        FooterEncoder.FileMetaData(footer, _schema, _rowGroups, _options);
        Write(footer.WrittenSpan);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, footer.WrittenCount);
        Write(length);
        Write(Magic);
        _output.Flush();
        if (!_leaveOpen) _output.Dispose();
    }
}
