using System.Buffers.Binary;
using Pipeline.Parquet.Metadata;

namespace Pipeline.Parquet.Writing;

/// <summary>
/// Min/max/null count of one column chunk, kept as numbers (no per-value allocation); strings compare their UTF-8
/// bytes in unsigned order and copy only a new min or max. NaN is left out of float/double min/max; a zero minimum
/// is written as −0.0 and a zero maximum as +0.0, as the Parquet spec asks. Values are never truncated, so the exact
/// flags are set; the deprecated signed-order min/max are written too except for strings.
/// </summary>
internal sealed class ColumnStatistics(ParquetType type)
{
    private long _minL = long.MaxValue, _maxL = long.MinValue;
    private double _minD = double.PositiveInfinity, _maxD = double.NegativeInfinity;
    private byte[]? _minS, _maxS;
    private bool _any, _anyTrue, _anyFalse;

    public long NullCount { get; private set; }

    public void Null() => NullCount++;
    public void Add(long v) { _any = true; if (v < _minL) _minL = v; if (v > _maxL) _maxL = v; }
    public void Add(double v) { _any = true; if (double.IsNaN(v)) return; if (v < _minD) _minD = v; if (v > _maxD) _maxD = v; }
    public void Add(bool v) { _any = true; if (v) _anyTrue = true; else _anyFalse = true; }

    public void Add(ReadOnlySpan<byte> utf8)
    {
        _any = true;
        if (_minS is null || utf8.SequenceCompareTo(_minS) < 0) _minS = utf8.ToArray();
        if (_maxS is null || utf8.SequenceCompareTo(_maxS) > 0) _maxS = utf8.ToArray();
    }

    public Statistics ToThrift()
    {
        var s = new Statistics { NullCount = NullCount };
        if (!_any) return s;
        switch (type)
        {
            case ParquetType.Int32: s.MinValue = Le32((int)_minL); s.MaxValue = Le32((int)_maxL); break;
            case ParquetType.Int64: s.MinValue = Le64(_minL); s.MaxValue = Le64(_maxL); break;
            case ParquetType.Float when _minD <= _maxD:
                s.MinValue = Le32(BitConverter.SingleToInt32Bits(_minD == 0 ? -0f : (float)_minD));
                s.MaxValue = Le32(BitConverter.SingleToInt32Bits(_maxD == 0 ? 0f : (float)_maxD));
                break;
            case ParquetType.Double when _minD <= _maxD:
                s.MinValue = Le64(BitConverter.DoubleToInt64Bits(_minD == 0 ? -0d : _minD));
                s.MaxValue = Le64(BitConverter.DoubleToInt64Bits(_maxD == 0 ? 0d : _maxD));
                break;
            case ParquetType.Boolean: s.MinValue = [(byte)(_anyFalse ? 0 : 1)]; s.MaxValue = [(byte)(_anyTrue ? 1 : 0)]; break;
            case ParquetType.String: s.MinValue = _minS; s.MaxValue = _maxS; break;
        }
        if (s.MinValue is not null)
        {
            // Never truncated, so exact. The deprecated min/max use signed order: the same as the type's order for
            // numbers and booleans, not for strings (unsigned UTF-8 bytes), which therefore get none.
            s.IsMinValueExact = s.IsMaxValueExact = true;
            if (type != ParquetType.String) { s.Min = s.MinValue; s.Max = s.MaxValue; }
        }
        return s;
    }

    private static byte[] Le32(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); return b; }
    private static byte[] Le64(long v) { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, v); return b; }

    public void Reset()
    {
        _minL = long.MaxValue; _maxL = long.MinValue; _minD = double.PositiveInfinity; _maxD = double.NegativeInfinity;
        _minS = _maxS = null; _any = _anyTrue = _anyFalse = false; NullCount = 0;
    }
}
