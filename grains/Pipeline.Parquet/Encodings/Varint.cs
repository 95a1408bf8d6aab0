namespace Pipeline.Parquet.Encodings;

/// <summary>ULEB128 varints and zigzag integers as used by the RLE hybrid and DELTA encodings.</summary>
internal static class Varint
{
    public static void Write(PooledBuffer output, ulong v)
    {
        var span = output.GetSpan(10);
        int i = 0;
        while (v >= 0x80) { span[i++] = (byte)(v | 0x80); v >>= 7; }
        span[i++] = (byte)v;
        output.Advance(i);
    }

    /// <summary>Reads a varint at <paramref name="pos"/>; <see cref="InvalidDataException"/> if it runs off the end.</summary>
    public static ulong Read(ReadOnlySpan<byte> src, ref int pos)
    {
        ulong v = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= src.Length) throw new InvalidDataException("varint runs past the end of the page");
            byte b = src[pos++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return v;
        }
        throw new InvalidDataException("varint longer than 10 bytes");
    }

    public static long ReadZigZag(ReadOnlySpan<byte> src, ref int pos)
    {
        ulong v = Read(src, ref pos);
        return (long)(v >> 1) ^ -(long)(v & 1);
    }
}
