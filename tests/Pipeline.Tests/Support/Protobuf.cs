namespace Pipeline.Tests.Support;

/// <summary>
/// A minimal protocol-buffers wire-format reader (https://protobuf.dev/programming-guides/encoding/): enough to walk
/// OTLP messages by field number without generated code. Each field is (number, wire type, value): varint as
/// ulong, fixed64/fixed32 as ulong, length-delimited as a byte slice (a nested message, string or bytes).
/// </summary>
public static class Protobuf
{
    public readonly record struct Field(int Number, int WireType, ulong Scalar, ReadOnlyMemory<byte> Bytes)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);
        public string Hex => Convert.ToHexStringLower(Bytes.Span);
        public double Double => BitConverter.Int64BitsToDouble((long)Scalar);
    }

    public static IEnumerable<Field> Fields(ReadOnlyMemory<byte> message)
    {
        int pos = 0;
        while (pos < message.Length)
        {
            ulong key = Varint(message.Span, ref pos);
            int number = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0: yield return new Field(number, wire, Varint(message.Span, ref pos), default); break;
                case 1: yield return new Field(number, wire, BitConverter.ToUInt64(message.Span.Slice(pos, 8)), default); pos += 8; break;
                case 5: yield return new Field(number, wire, BitConverter.ToUInt32(message.Span.Slice(pos, 4)), default); pos += 4; break;
                case 2:
                    int length = checked((int)Varint(message.Span, ref pos));
                    yield return new Field(number, wire, 0, message.Slice(pos, length));
                    pos += length;
                    break;
                default: throw new InvalidDataException($"Unsupported protobuf wire type {wire} (field {number}).");
            }
        }
    }

    /// <summary>The length-delimited fields with this number (nested messages).</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).Where(f => f.Number == number && f.WireType == 2).Select(f => f.Bytes);

    private static ulong Varint(ReadOnlySpan<byte> span, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = span[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
