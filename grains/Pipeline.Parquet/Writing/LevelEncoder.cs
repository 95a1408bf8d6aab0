using System.Buffers;
using System.Buffers.Binary;

namespace Pipeline.Parquet.Writing;

/// <summary>
/// Encodes definition levels (bit width 1) with the RLE/bit-packed hybrid as RLE runs — header varint
/// (run length &lt;&lt; 1), then the value in one byte — preceded by the 4-byte length of data page v1.
/// Booleans are PLAIN-encoded as bits, least significant first.
/// </summary>
internal static class LevelEncoder
{
    public static void WriteDefinitionLevels(IBufferWriter<byte> output, List<byte> levels)
    {
        var body = new ArrayBufferWriter<byte>(64);
        int i = 0;
        while (i < levels.Count)
        {
            int j = i;
            while (j < levels.Count && levels[j] == levels[i]) j++;
            WriteVarint(body, (ulong)(j - i) << 1);
            body.GetSpan(1)[0] = levels[i];
            body.Advance(1);
            i = j;
        }
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), body.WrittenCount);
        output.Advance(4);
        output.Write(body.WrittenSpan);
    }

    public static void WriteBooleans(IBufferWriter<byte> output, List<bool> values)
    {
        int bytes = (values.Count + 7) / 8;
        var span = output.GetSpan(bytes)[..bytes];
        span.Clear();
        for (int i = 0; i < values.Count; i++) if (values[i]) span[i >> 3] |= (byte)(1 << (i & 7));
        output.Advance(bytes);
    }

    private static void WriteVarint(IBufferWriter<byte> output, ulong v)
    {
        var span = output.GetSpan(10);
        int n = 0;
        while (v >= 0x80) { span[n++] = (byte)(v | 0x80); v >>= 7; }
        span[n++] = (byte)v;
        output.Advance(n);
    }
}
