using System.Buffers.Binary;

namespace Pipeline.Grains.ParquetFiles.RleBooleans;

/// <summary>
/// Parquet's RLE / bit-packing hybrid encoding (Encodings.md "Run Length Encoding / Bit-Packing Hybrid"), decoded into
/// ints: runs of one repeated value, and groups of 8 values bit-packed least significant bit first.
/// </summary>
internal static class RleHybrid
{
    /// <summary>Decodes up to <c>output.Length</c> values of <paramref name="bitWidth"/> bits from <paramref name="data"/> (no length prefix); returns how many were decoded.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth is < 0 or > 32) throw new InvalidDataException($"RLE bit width {bitWidth} is out of range");
        int pos = 0, written = 0, byteWidth = (bitWidth + 7) / 8;
        while (written < output.Length && pos < data.Length)
        {
            long header = Varint(data, ref pos);
            if ((header & 1) == 0)
            {
                long run = header >> 1;
                if (pos + byteWidth > data.Length) throw new InvalidDataException("an RLE run ends past its page");
                int value = 0;
                for (int i = 0; i < byteWidth; i++) value |= data[pos + i] << (8 * i);
                pos += byteWidth;
                int n = (int)Math.Min(run, output.Length - written);
                output.Slice(written, n).Fill(value);
                written += n;
            }
            else
            {
                long values = (header >> 1) * 8;
                long bits = 0;
                for (long i = 0; i < values && written < output.Length; i++, bits += bitWidth)
                    output[written++] = Bits(data, pos, bits, bitWidth);
                pos = checked((int)(pos + (values * bitWidth + 7) / 8));
            }
        }
        return written;
    }

    /// <summary>Decodes an RLE section that starts with its 4-byte little-endian length (as data page v1 levels and RLE booleans in v1 and v2 pages are stored); returns the bytes it took.</summary>
    public static int DecodeWithLength(ReadOnlySpan<byte> data, int bitWidth, Span<int> output, out int decoded)
    {
        if (data.Length < 4) throw new InvalidDataException("an RLE section is shorter than its 4-byte length");
        int length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4) throw new InvalidDataException($"an RLE section declares {length} bytes, more than its page holds");
        decoded = Decode(data.Slice(4, length), bitWidth, output);
        return 4 + length;
    }

    private static int Bits(ReadOnlySpan<byte> data, int pos, long bitOffset, int width)
    {
        int value = 0;
        for (int i = 0; i < width; i++)
        {
            long bit = bitOffset + i;
            long index = pos + (bit >> 3);
            if (index >= data.Length) throw new InvalidDataException("a bit-packed run ends past its page");
            value |= ((data[(int)index] >> (int)(bit & 7)) & 1) << i;
        }
        return value;
    }

    private static long Varint(ReadOnlySpan<byte> data, ref int pos)
    {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7)
        {
            if (pos >= data.Length) throw new InvalidDataException("an RLE run header ends past its page");
            int b = data[pos++];
            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("an RLE run header is too long");
    }
}
