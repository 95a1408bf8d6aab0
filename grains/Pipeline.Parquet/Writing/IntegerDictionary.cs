using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Pipeline.Parquet.Encodings;

namespace Pipeline.Parquet.Writing;

/// <summary>
/// The dictionary of an INT32 or INT64 column chunk (ids, counts, dates, decimals): distinct values in insertion
/// order, PLAIN-encoded (4 or 8 bytes each), with a hash lookup from value to index. Low-cardinality columns such as
/// counts then store a few bits per value instead of 4–8 bytes; a chunk whose dictionary outgrows the limit falls
/// back to PLAIN pages (the column writer decides).
/// </summary>
internal sealed class IntegerDictionary(int width) : IValueDictionary
{
    private readonly Dictionary<long, int> _index = [];

    public PooledBuffer Plain { get; } = new(1 << 12);
    public int Count => _index.Count;

    private long _lastValue;
    private int _lastIndex = -1;

    /// <summary>Index of <paramref name="value"/>, adding it if new (a repeat of the previous value skips the hash lookup).</summary>
    public int IndexOf(long value)
    {
        if (value == _lastValue && _lastIndex >= 0) return _lastIndex;
        _lastValue = value;
        return _lastIndex = Lookup(value);
    }

    private int Lookup(long value)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, value, out bool exists);
        if (exists) return slot;
        slot = _index.Count - 1;
        if (width == 4) { BinaryPrimitives.WriteInt32LittleEndian(Plain.GetSpan(4), (int)value); Plain.Advance(4); }
        else { BinaryPrimitives.WriteInt64LittleEndian(Plain.GetSpan(8), value); Plain.Advance(8); }
        return slot;
    }

    public void Clear() { _index.Clear(); Plain.Clear(); _lastIndex = -1; }

    public void Dispose() => Plain.Dispose();
}
