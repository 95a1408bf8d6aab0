namespace Pipeline.Parquet.Encodings;

/// <summary>Bit-packing helpers: values of a fixed bit width packed least-significant bit first (Parquet's order).</summary>
internal static class BitPacking
{
    /// <summary>Number of bits needed to store <paramref name="maxValue"/> (0 for 0).</summary>
    public static int BitWidth(ulong maxValue) => maxValue == 0 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount(maxValue);

    /// <summary>Reads <paramref name="count"/> values of <paramref name="bitWidth"/> bits (≤ 64) starting at bit 0 of <paramref name="src"/>.</summary>
    public static void Unpack(ReadOnlySpan<byte> src, int bitWidth, Span<long> dst, int count)
    {
        if ((long)bitWidth * count > (long)src.Length * 8) throw new InvalidDataException("bit-packed values run past the end of the page");
        if (bitWidth == 0) { dst[..count].Clear(); return; }
        long bit = 0;
        for (int i = 0; i < count; i++, bit += bitWidth) dst[i] = (long)ReadBits(src, bit, bitWidth);
    }

    /// <summary>Reads <paramref name="count"/> values of at most 32 bits into ints.</summary>
    public static void Unpack(ReadOnlySpan<byte> src, int bitWidth, Span<int> dst, int count)
    {
        if ((long)bitWidth * count > (long)src.Length * 8) throw new InvalidDataException("bit-packed values run past the end of the page");
        if (bitWidth == 0) { dst[..count].Clear(); return; }
        if (bitWidth == 1)
        {
            // Definition levels and booleans: 8 values per byte.
            int whole = count >> 3, i = 0;
            for (int b = 0; b < whole; b++, i += 8)
            {
                int v = src[b];
                var d = dst.Slice(i, 8);
                d[0] = v & 1; d[1] = (v >> 1) & 1; d[2] = (v >> 2) & 1; d[3] = (v >> 3) & 1;
                d[4] = (v >> 4) & 1; d[5] = (v >> 5) & 1; d[6] = (v >> 6) & 1; d[7] = (v >> 7) & 1;
            }
            for (; i < count; i++) dst[i] = (src[i >> 3] >> (i & 7)) & 1;
            return;
        }
        ulong acc = 0; int bits = 0, p = 0;
        uint mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        for (int i = 0; i < count; i++)
        {
            while (bits < bitWidth) { acc |= (ulong)src[p++] << bits; bits += 8; }
            dst[i] = (int)((uint)acc & mask);
            acc >>= bitWidth; bits -= bitWidth;
        }
    }

    private static ulong ReadBits(ReadOnlySpan<byte> src, long bit, int width)
    {
        ulong result = 0; int got = 0;
        while (got < width)
        {
            int b = (int)(bit >> 3), off = (int)(bit & 7);
            int take = Math.Min(8 - off, width - got);
            ulong part = (ulong)((src[b] >> off) & ((1 << take) - 1));
            result |= part << got;
            got += take; bit += take;
        }
        return result;
    }

    /// <summary>Packs values (each &lt; 2^bitWidth, bitWidth ≤ 32) into bytes, least significant bit first.</summary>
    public static void Pack(ReadOnlySpan<int> values, int bitWidth, PooledBuffer output)
    {
        int bytes = (values.Length * bitWidth + 7) / 8;
        var span = output.GetSpan(bytes);
        ulong acc = 0; int bits = 0, p = 0;
        foreach (int v in values)
        {
            acc |= (ulong)(uint)v << bits; bits += bitWidth;
            while (bits >= 8) { span[p++] = (byte)acc; acc >>= 8; bits -= 8; }
        }
        if (bits > 0) span[p++] = (byte)acc;
        output.Advance(p);
    }
}
