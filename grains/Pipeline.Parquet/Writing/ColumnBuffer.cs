using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Pipeline.Parquet.Writing;

/// <summary>
/// The values of one column for the row group being filled: PLAIN-encoded bytes appended as values arrive (booleans
/// kept as bits until the page is cut), definition levels for an OPTIONAL column, and min/max/null-count statistics.
/// </summary>
internal sealed class ColumnBuffer(ParquetColumn column)
{
    public ParquetColumn Column { get; } = column;
    public ArrayBufferWriter<byte> Values { get; private set; } = new(1 << 12);
    public List<bool> Booleans { get; } = [];
    public List<byte> DefinitionLevels { get; } = [];
    public int Rows { get; private set; }
    public long NullCount { get; private set; }
    public bool HasValueThisRow { get; private set; }

    private long _minL = long.MaxValue, _maxL = long.MinValue;
    private double _minD = double.PositiveInfinity, _maxD = double.NegativeInfinity;
    private byte[]? _minS, _maxS;
    private bool _anyValue, _anyTrue, _anyFalse;

    public long EstimatedBytes => Values.WrittenCount + Booleans.Count / 8 + DefinitionLevels.Count / 8;

    private void Begin(ParquetType type)
    {
        if (Column.Type != type) throw new ArgumentException($"Column '{Column.Name}' is {Column.Type}, not {type}.");
        if (HasValueThisRow) throw new InvalidOperationException($"Column '{Column.Name}' already has a value in this row.");
        HasValueThisRow = true;
        if (!Column.Required) DefinitionLevels.Add(1);
        _anyValue = true;
    }

    public void Int32(int v) { Begin(ParquetType.Int32); BinaryPrimitives.WriteInt32LittleEndian(Values.GetSpan(4), v); Values.Advance(4); Track(v); }
    public void Int64(long v) { Begin(ParquetType.Int64); BinaryPrimitives.WriteInt64LittleEndian(Values.GetSpan(8), v); Values.Advance(8); Track(v); }
    public void Float(float v) { Begin(ParquetType.Float); BinaryPrimitives.WriteSingleLittleEndian(Values.GetSpan(4), v); Values.Advance(4); Track(v); }
    public void Double(double v) { Begin(ParquetType.Double); BinaryPrimitives.WriteDoubleLittleEndian(Values.GetSpan(8), v); Values.Advance(8); Track(v); }

    public void Boolean(bool v)
    {
        Begin(ParquetType.Boolean);
        Booleans.Add(v);
        if (v) _anyTrue = true; else _anyFalse = true;
    }

    public void String(string v)
    {
        Begin(ParquetType.String);
        int max = Encoding.UTF8.GetMaxByteCount(v.Length);
        var span = Values.GetSpan(4 + max);
        int n = Encoding.UTF8.GetBytes(v, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, n);
        var bytes = span.Slice(4, n);
        if (_minS is null || bytes.SequenceCompareTo(_minS) < 0) _minS = bytes.ToArray();
        if (_maxS is null || bytes.SequenceCompareTo(_maxS) > 0) _maxS = bytes.ToArray();
        Values.Advance(4 + n);
    }

    public void Null()
    {
        if (Column.Required) throw new ArgumentException($"Column '{Column.Name}' is REQUIRED and cannot hold a null.");
        if (HasValueThisRow) throw new InvalidOperationException($"Column '{Column.Name}' already has a value in this row.");
        HasValueThisRow = true;
        DefinitionLevels.Add(0);
        NullCount++;
    }

    public void EndRow()
    {
        if (!HasValueThisRow) throw new InvalidOperationException($"Column '{Column.Name}' got no value in this row.");
        HasValueThisRow = false;
        Rows++;
    }

    private void Track(long v) { _minL = Math.Min(_minL, v); _maxL = Math.Max(_maxL, v); }

    private void Track(double v)
    {
        if (double.IsNaN(v)) return;
        _minD = Math.Min(_minD, v); _maxD = Math.Max(_maxD, v);
    }

    /// <summary>PLAIN encodings of the chunk's min and max, or nulls when there is no (non-NaN) value.</summary>
    public (byte[]? Min, byte[]? Max) MinMax()
    {
        if (!_anyValue) return (null, null);
        switch (Column.Type)
        {
            case ParquetType.Int32:
                return (BitConverter.GetBytes((int)_minL), BitConverter.GetBytes((int)_maxL));
            case ParquetType.Int64:
                return (BitConverter.GetBytes(_minL), BitConverter.GetBytes(_maxL));
            case ParquetType.Float when _minD <= _maxD:
                return (BitConverter.GetBytes((float)_minD), BitConverter.GetBytes((float)_maxD));
            case ParquetType.Double when _minD <= _maxD:
                return (BitConverter.GetBytes(_minD), BitConverter.GetBytes(_maxD));
            case ParquetType.Boolean:
                return ([(byte)(_anyFalse ? 0 : 1)], [(byte)(_anyTrue ? 1 : 0)]);
            case ParquetType.String:
                return (_minS, _maxS);
            default:
                return (null, null);
        }
    }

    public void Reset()
    {
        Values = new ArrayBufferWriter<byte>(Math.Max(1 << 12, Values.WrittenCount));
        Booleans.Clear();
        DefinitionLevels.Clear();
        Rows = 0; NullCount = 0;
        _minL = long.MaxValue; _maxL = long.MinValue; _minD = double.PositiveInfinity; _maxD = double.NegativeInfinity;
        _minS = _maxS = null; _anyValue = _anyTrue = _anyFalse = false;
    }
}
