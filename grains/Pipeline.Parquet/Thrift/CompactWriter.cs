using System.Buffers;
using System.Text;

namespace Pipeline.Parquet.Thrift;

/// <summary>
/// Thrift compact protocol encoder (the encoding of Parquet's footer and page headers): field headers as deltas of
/// field ids, zigzag varints for integers, length-prefixed binaries, list headers with the element type.
/// </summary>
internal sealed class CompactWriter(IBufferWriter<byte> output)
{
    private readonly Stack<short> _lastField = new();
    private short _last;

    public void BeginStruct() { _lastField.Push(_last); _last = 0; }

    public void EndStruct() { WriteByte(CompactType.Stop); _last = _lastField.Pop(); }

    private void FieldHeader(short id, byte type)
    {
        int delta = id - _last;
        if (delta is > 0 and <= 15) WriteByte((byte)((delta << 4) | type));
        else { WriteByte(type); WriteVarint(ZigZag(id)); }
        _last = id;
    }

    public void Field(short id, int value) { FieldHeader(id, CompactType.I32); WriteVarint(ZigZag(value)); }
    public void Field16(short id, short value) { FieldHeader(id, CompactType.I16); WriteVarint(ZigZag(value)); }
    public void Field(short id, long value) { FieldHeader(id, CompactType.I64); WriteVarint(ZigZag(value)); }
    public void Field(short id, bool value) => FieldHeader(id, value ? CompactType.True : CompactType.False);
    public void Field(short id, string value) => Field(id, Encoding.UTF8.GetBytes(value));
    public void Field(short id, ReadOnlySpan<byte> value) { FieldHeader(id, CompactType.Binary); WriteVarint((ulong)value.Length); Write(value); }
    public void StructField(short id) { FieldHeader(id, CompactType.Struct); BeginStruct(); }

    public void ListField(short id, byte elementType, int count)
    {
        FieldHeader(id, CompactType.List);
        if (count < 15) WriteByte((byte)((count << 4) | elementType));
        else { WriteByte((byte)(0xF0 | elementType)); WriteVarint((ulong)count); }
    }

    public void ListElement(int value) => WriteVarint(ZigZag(value));
    public void ListElement(string value) { var b = Encoding.UTF8.GetBytes(value); WriteVarint((ulong)b.Length); Write(b); }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    private void WriteVarint(ulong v)
    {
        var span = output.GetSpan(10);
        int i = 0;
        while (v >= 0x80) { span[i++] = (byte)(v | 0x80); v >>= 7; }
        span[i++] = (byte)v;
        output.Advance(i);
    }

    private void WriteByte(byte b) { output.GetSpan(1)[0] = b; output.Advance(1); }

    private void Write(ReadOnlySpan<byte> bytes) { bytes.CopyTo(output.GetSpan(bytes.Length)); output.Advance(bytes.Length); }
}
