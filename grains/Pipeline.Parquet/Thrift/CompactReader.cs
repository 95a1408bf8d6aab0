using System.Text;

namespace Pipeline.Parquet.Thrift;

/// <summary>
/// Thrift compact protocol decoder over a byte range (a footer or a page header). Every length and count is checked
/// against the bytes that remain, unknown fields are skipped, and nesting is bounded, so corrupt input raises
/// <see cref="ParquetFormatException"/> naming the file instead of over-reading or allocating without bound.
/// </summary>
internal sealed class CompactReader(byte[] buffer, int start, int end, string fileName)
{
    private const int MaxDepth = 32;
    private int _pos = start;

    /// <summary>Current position in the buffer (after a header is read, where the page body begins).</summary>
    public int Position => _pos;

    public ParquetFormatException Error(string what) => new($"{fileName}: corrupt Parquet metadata: {what}.");

    /// <summary>Reads the next field header of the current struct; false at its stop byte. <paramref name="last"/> is the previous field id.</summary>
    public bool NextField(ref short last, out byte type, out short id)
    {
        byte b = ReadByte();
        type = (byte)(b & 0x0F);
        if (type == CompactType.Stop) { id = 0; return false; }
        int delta = b >> 4;
        id = delta != 0 ? (short)(last + delta) : checked((short)ZigZag32(ReadVarint()));
        last = id;
        return true;
    }

    public byte ReadByte()
    {
        if (_pos >= end) throw Error("unexpected end of thrift data");
        return buffer[_pos++];
    }

    public ulong ReadVarint()
    {
        ulong v = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = ReadByte();
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return v;
        }
        throw Error("varint longer than 10 bytes");
    }

    private static long ZigZag64(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
    private static int ZigZag32(ulong v) => (int)(v >> 1) ^ -(int)(v & 1);

    public int ReadI32(byte type)
    {
        Expect(type, CompactType.I32, CompactType.I16, CompactType.Byte);
        if (type == CompactType.Byte) return (sbyte)ReadByte();
        long v = ZigZag64(ReadVarint());
        if (v is < int.MinValue or > int.MaxValue) throw Error("i32 out of range");
        return (int)v;
    }

    public long ReadI64(byte type)
    {
        Expect(type, CompactType.I64, CompactType.I32, CompactType.I16);
        return ZigZag64(ReadVarint());
    }

    public bool ReadBool(byte type)
    {
        if (type == CompactType.True) return true;
        if (type == CompactType.False) return false;
        throw Error($"expected a bool field, found type {type}");
    }

    public byte[] ReadBinary(byte type)
    {
        Expect(type, CompactType.Binary, CompactType.Binary, CompactType.Binary);
        ulong n = ReadVarint();
        if (n > (ulong)(end - _pos)) throw Error($"binary of {n} bytes runs past the end");
        var result = buffer.AsSpan(_pos, (int)n).ToArray();
        _pos += (int)n;
        return result;
    }

    public string ReadString(byte type)
    {
        var bytes = ReadBinary(type);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a list header; the count is checked against the remaining bytes (every element takes one or more).</summary>
    public int ReadListHeader(byte type, out byte elementType)
    {
        Expect(type, CompactType.List, CompactType.Set, CompactType.List);
        byte b = ReadByte();
        elementType = (byte)(b & 0x0F);
        ulong n = (ulong)(b >> 4);
        if (n == 15) n = ReadVarint();
        if (n > (ulong)(end - _pos)) throw Error($"list of {n} elements runs past the end");
        return (int)n;
    }

    private void Expect(byte type, byte a, byte b, byte c)
    {
        if (type != a && type != b && type != c) throw Error($"unexpected thrift type {type}");
    }

    /// <summary>Skips a value of the given type (an unknown field).</summary>
    public void Skip(byte type, int depth = 0)
    {
        if (depth > MaxDepth) throw Error("thrift nesting too deep");
        switch (type)
        {
            case CompactType.True: case CompactType.False: return;
            case CompactType.Byte: ReadByte(); return;
            case CompactType.I16: case CompactType.I32: case CompactType.I64: ReadVarint(); return;
            case CompactType.Double: Advance(8); return;
            case CompactType.Binary:
                ulong n = ReadVarint();
                if (n > (ulong)(end - _pos)) throw Error("binary runs past the end");
                _pos += (int)n; return;
            case CompactType.List: case CompactType.Set:
                int count = ReadListHeader(type, out byte et);
                for (int i = 0; i < count; i++) SkipElement(et, depth + 1);
                return;
            case CompactType.Map:
                ulong m = ReadVarint();
                if (m == 0) return;
                if (m > (ulong)(end - _pos)) throw Error("map runs past the end");
                byte kv = ReadByte();
                for (ulong i = 0; i < m; i++) { SkipElement((byte)(kv >> 4), depth + 1); SkipElement((byte)(kv & 0x0F), depth + 1); }
                return;
            case CompactType.Struct:
                short last = 0;
                while (NextField(ref last, out byte ft, out _)) Skip(ft, depth + 1);
                return;
            default: throw Error($"unknown thrift type {type}");
        }
    }

    /// <summary>Skips a list/map element (booleans are a whole byte there).</summary>
    private void SkipElement(byte type, int depth)
    {
        if (type is CompactType.True or CompactType.False) ReadByte(); else Skip(type, depth);
    }

    /// <summary>Reads a list element of type i32.</summary>
    public int ReadI32Element(byte elementType) => ReadI32(elementType);

    private void Advance(int n)
    {
        if (n > end - _pos) throw Error("value runs past the end");
        _pos += n;
    }
}
