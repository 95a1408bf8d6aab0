using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using Pipeline.Parquet.Encodings;
using Pipeline.Parquet.Metadata;
using Pipeline.Parquet.Schema;
using Pipeline.Parquet.Thrift;
using Pipeline.Parquet.Writing;

namespace Pipeline.Parquet;

/// <summary>
/// Writes a Parquet file (Apache Parquet format, flat schema) to any writable stream, row by row: one Write… call per
/// column, then <see cref="EndRow"/>. A row's values are only stored (staged) in pooled per-column arrays; every
/// <see cref="BatchRows"/> rows (or sooner, at a row-group boundary or after many string characters) the staged rows
/// are encoded column by column in parallel (<see cref="ParquetWriterOptions.MaxDegreeOfParallelism"/>): statistics,
/// dictionaries, data pages v1 or v2 (RLE definition levels, PLAIN numbers/booleans, dictionary indices with PLAIN
/// fallback) and compression. The bytes written do not depend on the parallelism. Each row group is written as soon
/// as it is full, so memory is bounded by one row group plus two batches of staged rows (the one being filled and the
/// one being encoded). <see cref="Dispose"/> writes the last row group and the footer (FileMetaData, thrift compact
/// protocol); a file with 0 rows is valid. The stream only needs Write.
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly ParquetSchema _schema;
    private readonly ParquetWriterOptions _options;
    private readonly BatchEncoder _encoder;
    private readonly ParquetType[] _types;
    private readonly List<Metadata.SchemaElement> _elements;
    private readonly long[] _rowOf;
    private int _valuesInRow;
    private int _batchRow;          // rows staged, not yet submitted for encoding
    private long _stagedChars;
    private int _groupRows;         // rows submitted into the row group being filled
    private readonly List<RowGroup> _rowGroups = [];
    private long _position;
    private bool _disposed;

    /// <summary>Rows staged before they are encoded (also the granularity at which <see cref="ParquetWriterOptions.RowGroupMaxBytes"/> is checked).</summary>
    public const int BatchRows = 1 << 16;

    /// <summary>String characters staged before the batch is encoded early (bounds the memory held by long strings).</summary>
    private const long BatchMaxChars = 8L << 20;

    /// <summary>Starts a file on <paramref name="output"/> (writes the leading magic).</summary>
    public ParquetFileWriter(Stream output, ParquetSchema schema, ParquetWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        _output = output;
        _leaveOpen = leaveOpen;
        _schema = schema;
        _options = options ?? new ParquetWriterOptions();
        if (_options.RowGroupMaxRows < 1) throw new ArgumentException("RowGroupMaxRows must be at least 1.", nameof(options));
        if (_options.MaxDegreeOfParallelism < 1) throw new ArgumentException("MaxDegreeOfParallelism must be at least 1.", nameof(options));
        if (_options.DataPageVersion is not (1 or 2)) throw new ArgumentException("DataPageVersion must be 1 or 2.", nameof(options));
        int n = schema.Columns.Count;
        _types = new ParquetType[n];
        _rowOf = new long[n];
        _elements = SchemaElements.ToElements(schema);
        for (int i = 0; i < n; i++) _types[i] = schema.Columns[i].Type;
        _encoder = new BatchEncoder(schema, _options, BatchRows);
        Write(Magic);
    }

    /// <summary>Rows completed with <see cref="EndRow"/>.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Writes an INT32 value of the current row.</summary>
    public void WriteInt32(int column, int value) => Begin(column, ParquetType.Int32).Longs![_batchRow] = value;
    /// <summary>Writes an INT64 value of the current row.</summary>
    public void WriteInt64(int column, long value) => Begin(column, ParquetType.Int64).Longs![_batchRow] = value;
    /// <summary>Writes a FLOAT value of the current row.</summary>
    public void WriteFloat(int column, float value) => Begin(column, ParquetType.Float).Doubles![_batchRow] = value;
    /// <summary>Writes a DOUBLE value of the current row.</summary>
    public void WriteDouble(int column, double value) => Begin(column, ParquetType.Double).Doubles![_batchRow] = value;
    /// <summary>Writes a BOOLEAN value of the current row.</summary>
    public void WriteBoolean(int column, bool value) => Begin(column, ParquetType.Boolean).Booleans![_batchRow] = value;

    /// <summary>Writes a DATE value (stored as days since 1970-01-01).</summary>
    public void WriteDate(int column, DateOnly value) => Begin(column, ParquetType.Date).Longs![_batchRow] = value.DayNumber - UnixEpochDay;

    /// <summary>Writes a TIMESTAMP value as microseconds since 1970-01-01T00:00:00Z; a <see cref="DateTimeKind.Local"/> value is converted to UTC, an unspecified one taken as UTC.</summary>
    public void WriteTimestamp(int column, DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        Begin(column, ParquetType.Timestamp).Longs![_batchRow] = (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    }

    /// <summary>Writes a TIMESTAMP value (the instant, in microseconds since the Unix epoch, UTC).</summary>
    public void WriteTimestamp(int column, DateTimeOffset value) => WriteTimestamp(column, value.UtcDateTime);

    /// <summary>
    /// Writes a DECIMAL value as its unscaled integer (value · 10^scale); an <see cref="ArgumentException"/> if it has
    /// more fractional digits than the column's scale or more digits than its precision.
    /// </summary>
    public void WriteDecimal(int column, decimal value)
    {
        var col = Column(column);
        if (col.Type != ParquetType.Decimal) throw new ArgumentException($"Column '{col.Name}' is {col.Type}, not {ParquetType.Decimal}.", nameof(column));
        decimal scaled = value * Pow10[col.Scale];
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentException($"Column '{col.Name}': {value} has more than {col.Scale} decimal places.", nameof(value));
        if (Math.Abs(scaled) >= Pow10[col.Precision])
            throw new ArgumentException($"Column '{col.Name}': {value} does not fit DECIMAL({col.Precision}, {col.Scale}).", nameof(value));
        Begin(column, ParquetType.Decimal).Longs![_batchRow] = (long)scaled;
    }

    private static readonly int UnixEpochDay = new DateOnly(1970, 1, 1).DayNumber;
    private static readonly decimal[] Pow10 = [.. Enumerable.Range(0, 19).Select(i => (decimal)Math.Pow(10, i))];

    /// <summary>Writes a string (UTF-8, logical type STRING); null writes a null (OPTIONAL columns only).</summary>
    public void WriteString(int column, string? value)
    {
        if (value is null) WriteNull(column);
        else
        {
            Begin(column, ParquetType.String).Strings![_batchRow] = value;
            _stagedChars += value.Length;
        }
    }

    /// <summary>Writes a null; an <see cref="ArgumentException"/> naming the column if it is REQUIRED.</summary>
    public void WriteNull(int column)
    {
        var col = Column(column);
        if (col.Required) throw new ArgumentException($"Column '{col.Name}' is REQUIRED and cannot hold a null.", nameof(column));
        Mark(column);
        var staged = _encoder.Staging[column];
        if (staged.Strings is not null) staged.Strings[_batchRow] = null;
        else staged.Nulls![_batchRow] = true;
    }

    private ParquetColumn Column(int column)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)column >= (uint)_types.Length)
            throw new ArgumentOutOfRangeException(nameof(column), $"Column index {column} is outside the schema's {_types.Length} columns.");
        return _schema.Columns[column];
    }

    /// <summary>Checks the column and its type, marks it written in this row and returns where its value goes (the null flag cleared).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private StagedColumn Begin(int column, ParquetType type)
    {
        if (_disposed || (uint)column >= (uint)_types.Length || _types[column] != type) ThrowCannotWrite(column, type);
        Mark(column);
        var staged = _encoder.Staging[column];
        if (staged.Nulls is { } nulls) nulls[_batchRow] = false;
        return staged;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowCannotWrite(int column, ParquetType type)
    {
        var col = Column(column);
        throw new ArgumentException($"Column '{col.Name}' is {col.Type}, not {type}.", nameof(column));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Mark(int column)
    {
        // _rowOf[column] holds the number of the row that last got a value in this column (no clearing per row).
        long row = RowsWritten + 1;
        if (_rowOf[column] == row) throw new InvalidOperationException($"Column '{_schema.Columns[column].Name}' already has a value in this row.");
        _rowOf[column] = row;
        _valuesInRow++;
    }

    /// <summary>Ends the row (every column must have got exactly one value); hands the staged rows to the encoder when a batch is full and writes the row group when it is full.</summary>
    public void EndRow()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_valuesInRow != _types.Length)
            for (int i = 0; i < _rowOf.Length; i++)
                if (_rowOf[i] != RowsWritten + 1) throw new InvalidOperationException($"Column '{_schema.Columns[i].Name}' got no value in this row.");
        _valuesInRow = 0;
        RowsWritten++;
        _batchRow++;
        if (_groupRows + _batchRow >= _options.RowGroupMaxRows || _batchRow >= BatchRows || _stagedChars >= BatchMaxChars) EndBatch();
    }

    /// <summary>
    /// Submits the staged rows for encoding. The row group ends before them when the pages encoded so far reach
    /// <see cref="ParquetWriterOptions.RowGroupMaxBytes"/> (checked at batch boundaries, on the finished batches), and
    /// after them when it reaches <see cref="ParquetWriterOptions.RowGroupMaxRows"/>.
    /// </summary>
    private void EndBatch()
    {
        _encoder.Wait();
        if (_groupRows > 0 && BufferedBytes() >= _options.RowGroupMaxBytes) FlushRowGroup();
        _encoder.Submit(_batchRow);
        _groupRows += _batchRow;
        _batchRow = 0;
        _stagedChars = 0;
        if (_groupRows >= _options.RowGroupMaxRows) FlushRowGroup();
    }

    private long BufferedBytes()
    {
        long sum = 0;
        foreach (var c in _encoder.Columns) sum += c.BufferedBytes;
        return sum;
    }

    /// <summary>Waits for the encoder, then writes the row group's column chunks one after the other.</summary>
    private void FlushRowGroup()
    {
        _encoder.Wait();
        if (_groupRows == 0) return;
        var group = new RowGroup { NumRows = _groupRows, FileOffset = _position, Ordinal = (short)Math.Min(_rowGroups.Count, short.MaxValue) };
        foreach (var c in _encoder.Columns)
        {
            var chunk = c.WriteChunk(_output, _position, out long written);
            _position += written;
            group.Columns.Add(chunk);
            group.TotalByteSize += chunk.MetaData!.TotalUncompressedSize;
            group.TotalCompressedSize += chunk.MetaData.TotalCompressedSize;
        }
        _rowGroups.Add(group);
        _groupRows = 0;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }

    /// <summary>Writes the last row group, the footer and the closing magic; closes the stream unless leaveOpen. If a row was begun but not ended, no footer is written (the output is not a valid file).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        try
        {
            // A row left half-written (typically an exception while writing it) leaves the file without a footer, so
            // no reader mistakes it for complete data; Dispose does not throw here so the original exception surfaces.
            if (_valuesInRow > 0) return;
            if (_batchRow > 0) EndBatch();
            FlushRowGroup();
            var meta = new FileMetaData
            {
                Schema = _elements,
                NumRows = RowsWritten,
                RowGroups = _rowGroups,
                CreatedBy = _options.CreatedBy,
                TypeDefinedColumnOrders = true,
            };
            if (_options.KeyValueMetadata is { } kv)
                foreach (var key in kv.Keys.Order(StringComparer.Ordinal)) meta.KeyValueMetadata.Add(new(key, kv[key]));
            using var footer = new PooledBuffer(1 << 12);
            meta.Write(new CompactWriter(footer));
            Write(footer.WrittenSpan);
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, footer.Length);
            Write(length);
            Write(Magic);
            _output.Flush();
        }
        finally
        {
            _disposed = true;
            _encoder.Dispose();
            if (!_leaveOpen) _output.Dispose();
        }
    }
}
