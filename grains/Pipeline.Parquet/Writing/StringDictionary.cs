using System.Buffers.Binary;
using System.Text;
using Pipeline.Parquet.Encodings;

namespace Pipeline.Parquet.Writing;

/// <summary>
/// The dictionary of a string column chunk: distinct values in insertion order, kept PLAIN-encoded (the dictionary
/// page body) with a lookup from string to index. Lookups of known strings allocate nothing.
/// </summary>
internal sealed class StringDictionary : IValueDictionary
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>PLAIN encoding of the entries (4-byte length + UTF-8 each).</summary>
    public PooledBuffer Plain { get; } = new(1 << 12);
    public int Count => _index.Count;

    /// <summary>Index of <paramref name="value"/>, adding it if new (then <paramref name="added"/> holds its UTF-8 bytes).</summary>
    public int IndexOf(string value, out ReadOnlySpan<byte> added)
    {
        if (_index.TryGetValue(value, out int i)) { added = default; return i; }
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = Plain.GetSpan(4 + max);
        int n = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, n);
        Plain.Advance(4 + n);
        added = span.Slice(4, n);
        i = _index.Count;
        _index.Add(value, i);
        return i;
    }

    public void Clear() { _index.Clear(); Plain.Clear(); }

    public void Dispose() => Plain.Dispose();
}
